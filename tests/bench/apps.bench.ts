// Plain-language requests built into apps by the offline planner through the real server (agent run,
// app check, commit), then used in Chromium: create, list, edit (prefilled), delete, and pick parents.
// Prints the viable count (every named record type and field present with a sensible type, links as
// foreign keys with pickers, and C, R, U, D working in the browser) and every failure. It reports apps
// that are not viable; it fails only if the harness itself breaks.
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driveApp } from "@/tests/support/drive-app";
import { report } from "./measure";
import { request, startServer, type BenchServer } from "./server";

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

type Expect = { entities: Record<string, Record<string, string>>; links?: string[] };

// Written the way people type, and different from the unit tests' corpus. Types: a|b means either.
export const REQUESTS: [string, Expect][] = [
  ["a reading tracker: books with title, author, pages and a started date, and reading sessions for each book with date and minutes read", { entities: { book: { title: "text", author: "text", pages: "integer", started_date: "date" }, reading_session: { date: "date", minutes_read: "integer", book_id: "integer" } }, links: ["reading_session.book_id->book"] }],
  ["I coach a swim team. swimmers (name, age, email) and races with event name, date and time in seconds; each race belongs to a swimmer", { entities: { swimmer: { name: "text", age: "integer", email: "email" }, race: { event_name: "text", date: "date", time: "integer|real", swimmer_id: "integer" } }, links: ["race.swimmer_id->swimmer"] }],
  ["Simple app for tracking my vinyl records - artist, album, year, genre (rock, jazz, hip hop, classical), condition and price paid", { entities: { vinyl_record: { artist: "text", album: "text", year: "integer", genre: "enum", price_paid: "money" } } }],
  ["doctor's office: patients have appointments. appointments have a date, reason and status (scheduled, done, no show)", { entities: { patient: { name: "text" }, appointment: { date: "date", reason: "text", status: "enum", patient_id: "integer" } }, links: ["appointment.patient_id->patient"] }],
  ["need a tool to manage office equipment loans. employees borrow laptops; each loan has a return date and notes", { entities: { employee: { name: "text" }, laptop: { name: "text" }, loan: { return_date: "date", notes: "text", employee_id: "integer", laptop_id: "integer" } }, links: ["loan.employee_id->employee", "loan.laptop_id->laptop"] }],
  ["garden planner with beds (name, size in sqm, sunny yes/no) and plantings for each bed: plant, planted on, expected harvest date", { entities: { bed: { name: "text", size: "real", sunny: "boolean" }, planting: { plant: "text", planted_on: "date", expected_harvest_date: "date", bed_id: "integer" } }, links: ["planting.bed_id->bed"] }],
  ["Track donations for our charity: donors with name, email and phone, and donations with amount, date and method (cash, card, bank transfer). every donation belongs to a donor", { entities: { donor: { name: "text", email: "email" }, donation: { amount: "money", date: "date", method: "enum", donor_id: "integer" } }, links: ["donation.donor_id->donor"] }],
  ["a wine cellar app. wines: name, winery, vintage, region, bottles, rating out of 100, drink by date", { entities: { wine: { name: "text", winery: "text", vintage: "integer", bottles: "integer", rating: "integer", drink_by_date: "date" } } }],
  ["Make a homework tracker where each assignment has a subject, title, due date, done (yes/no) and a grade", { entities: { assignment: { subject: "text", title: "text", due_date: "date", done: "boolean" } } }],
  ["a CRM for my agency: clients, projects for each client (name, budget, deadline, status: pitch/active/done) and invoices linked to a project with amount, issued date and paid?", { entities: { client: { name: "text" }, project: { name: "text", budget: "money", deadline: "date", status: "enum", client_id: "integer" }, invoice: { amount: "money", issued_date: "date", paid: "boolean", project_id: "integer" } }, links: ["project.client_id->client", "invoice.project_id->project"] }],
  ["bike shop repairs - customers (name, phone) and repair jobs assigned to a mechanic with bike model, problem, price and status can be waiting, in progress or ready. mechanics have a name", { entities: { customer: { name: "text", phone: "text" }, repair_job: { bike_model: "text", problem: "text", price: "money", status: "enum", mechanic_id: "integer" }, mechanic: { name: "text" } }, links: ["repair_job.mechanic_id->mechanic"] }],
  ["A tiny app to log my runs: date, distance in km, duration in minutes, route name and how I felt (great, ok, bad)", { entities: { run: { date: "date", distance: "real", duration: "integer", route_name: "text", how_i_felt: "enum|text" } } }],
  ["choir management: singers (name, voice part: soprano/alto/tenor/bass, email) and rehearsals (date, location, notes). singers attend rehearsals", { entities: { singer: { name: "text", voice_part: "enum", email: "email" }, rehearsal: { date: "date", location: "text", notes: "text" } }, links: ["rsvp.singer_id->singer", "rsvp.rehearsal_id->rehearsal"] }],
  ["hackathon judging: teams with a name and project title, judges with name and email, and scores where a judge gives a team a score from 1 to 10 and comments", { entities: { team: { name: "text", project_title: "text" }, judge: { name: "text", email: "email" }, score: { score: "integer", comments: "text" } } }],
  ["keep track of the books my kids borrow from the library, with the due date", { entities: { kid: { name: "text" }, book: { title: "text" }, loan: { due_date: "date", kid_id: "integer", book_id: "integer" } }, links: ["loan.kid_id->kid", "loan.book_id->book"] }],
  ["Property maintenance requests: buildings (address, floors), units in each building (number, bedrooms) and requests for a unit with description, urgency (low, medium, urgent) and reported on", { entities: { building: { address: "text", floors: "integer" }, unit: { bedrooms: "integer", building_id: "integer" }, request: { description: "text", urgency: "enum", reported_on: "date", unit_id: "integer" } }, links: ["unit.building_id->building", "request.unit_id->unit"] }],
  ["I want to organize a potluck: guests with name and dietary restrictions, and dishes each guest brings with dish name and category like main, side, dessert", { entities: { guest: { name: "text", dietary_restrictions: "text" }, dish: { dish_name: "text", category: "enum", guest_id: "integer" } }, links: ["dish.guest_id->guest"] }],
  ["an app for a dog daycare. owners and their dogs (name, breed, birthday, vaccinated yes/no); dogs have stays with check in and check out dates", { entities: { owner: { name: "text" }, dog: { name: "text", breed: "text", birthday: "date", vaccinated: "boolean", owner_id: "integer" }, stay: { check_in_date: "date", check_out_date: "date", dog_id: "integer" } }, links: ["dog.owner_id->owner", "stay.dog_id->dog"] }],
  ["interview tracker for hiring: candidates (name, email, role applied for, resume link) and interviews for each candidate with interviewer, date and score 1-5", { entities: { candidate: { name: "text", email: "email", role_applied_for: "text", resume_link: "url" }, interview: { interviewer: "text", date: "date", score: "integer", candidate_id: "integer" } }, links: ["interview.candidate_id->candidate"] }],
  ["a board game night app: games (title, min players, max players, playing time) and plays where we record which game, the date and who won", { entities: { game: { title: "text", min_players: "integer", max_players: "integer", playing_time: "integer|datetime" }, play: { date: "date", game_id: "integer" } }, links: ["play.game_id->game"] }],
  ["Expense sharing for roommates: roommates (name) and shared bills with description, amount, due date, and the roommate who paid", { entities: { roommate: { name: "text" }, shared_bill: { description: "text", amount: "money", due_date: "date", roommate_id: "integer" } }, links: ["shared_bill.roommate_id->roommate"] }],
  ["tool to track vaccinations for my pets. pets have name, species and birth date. each vaccination is for a pet and has vaccine name, given on and next due", { entities: { pet: { name: "text", species: "text", birth_date: "date" }, vaccination: { vaccine_name: "text", given_on: "date", next_due: "date", pet_id: "integer" } }, links: ["vaccination.pet_id->pet"] }],
];

let server: BenchServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer(3232, { AGENT_RUNS_PER_MINUTE: "1000" });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Column = { name: string; type: string };
type Table = { name: string; columns: Column[]; foreignKeys: { columns: string[]; table: string }[] };
const SQL_TYPES: Record<string, string[]> = { text: ["TEXT"], email: ["TEXT"], url: ["TEXT"], enum: ["TEXT"], integer: ["INTEGER"], real: ["REAL"], money: ["REAL"], boolean: ["BOOLEAN"], date: ["DATETIME"], datetime: ["DATETIME"] };
const plural = (name: string) => (/[^aeiou]y$/.test(name) ? `${name.slice(0, -1)}ies` : /(?:s|x|z|ch|sh)$/.test(name) ? `${name}es` : `${name}s`);

// What the schema must hold: each entity's table, each field a column of an acceptable SQL type, each link a foreign key.
function schemaFailures(expected: Expect, tables: Table[]): string[] {
  const failures: string[] = [];
  for (const [entity, fields] of Object.entries(expected.entities)) {
    const table = tables.find((t) => t.name === plural(entity));
    if (!table) {
      failures.push(`no table ${plural(entity)} (has ${tables.map((t) => t.name).join(", ")})`);
      continue;
    }
    for (const [field, types] of Object.entries(fields)) {
      const column = table.columns.find((c) => c.name === field);
      const ok = types.split("|").flatMap((t) => SQL_TYPES[t] ?? []);
      if (!column) failures.push(`${table.name} has no ${field} (has ${table.columns.map((c) => c.name).join(", ")})`);
      else if (!ok.includes(column.type.toUpperCase())) failures.push(`${table.name}.${field} is ${column.type}, not ${types}`);
    }
  }
  for (const link of expected.links ?? []) {
    const [, child, field, parent] = /^(\w+)\.(\w+)->(\w+)$/.exec(link) ?? [];
    const table = tables.find((t) => t.name === plural(child ?? ""));
    if (!table?.foreignKeys.some((k) => k.columns.includes(field ?? "") && k.table === plural(parent ?? ""))) failures.push(`no foreign key ${link}`);
  }
  return failures;
}

describe("apps people can use", () => {
  it(`builds ${REQUESTS.length} requests with the offline planner and drives each app in Chromium`, async () => {
    const ide = { port: server.port, host: server.ideHost };
    const email = `bench-apps-${Date.now()}@example.test`;
    await request({ ...ide, path: "/api/auth/signup", method: "POST", body: { email, password: "a long enough password", name: "Bench" } });
    const token = JSON.parse((await request({ ...ide, path: "/api/tokens", method: "POST", body: { name: "bench", email, password: "a long enough password" } })).body).token as string;
    const results: { request: string; failures: string[] }[] = [];
    let pickers = 0;
    for (const [i, [prompt, expected]] of REQUESTS.entries()) {
      const project = JSON.parse((await request({ ...ide, path: "/api/projects", method: "POST", body: { name: `Apps ${i}` }, token })).body) as { id: string; slug: string };
      const stream = await request({ ...ide, path: `/api/projects/${project.id}/agent/runs`, method: "POST", body: { prompt }, token });
      const reason = /event: done\ndata: \{"reason":"(\w+)"/.exec(stream.body)?.[1] ?? "none";
      const failures = reason === "completed" ? [] : [`the run ended ${reason}: ${/"summary":"((?:[^"\\]|\\.)*)"/.exec(stream.body)?.[1]?.slice(0, 300) ?? ""}`];
      const schema = JSON.parse((await request({ ...ide, path: `/api/projects/${project.id}/db/schema`, method: "GET", token })).body) as { tables: Table[] };
      failures.push(...schemaFailures(expected, schema.tables ?? []));
      const file = JSON.parse((await request({ ...ide, path: `/api/projects/${project.id}/files/app.json`, method: "GET", token })).body) as { content: string };
      const page = await browser.newPage();
      try {
        const driven = await driveApp(page, `http://${server.appHost(project.slug)}`, JSON.parse(file.content) as Record<string, unknown>);
        failures.push(...driven.failures);
        pickers += driven.pickers;
        if ((expected.links?.length ?? 0) > 0 && driven.pickers === 0) failures.push("no picker for its links");
      } finally {
        await page.close();
      }
      results.push({ request: prompt, failures });
      process.stdout.write(`${failures.length === 0 ? "VIABLE" : "FAILED"} ${prompt}\n${failures.map((f) => `    - ${f}\n`).join("")}`);
    }
    const viable = results.filter((r) => r.failures.length === 0).length;
    report("apps from plain-language requests (offline planner, driven in Chromium)", { requests: results.length, viable, not_viable: results.length - viable, pickers_used: pickers });
    expect(results).toHaveLength(REQUESTS.length);
  }, 1_800_000);
});
