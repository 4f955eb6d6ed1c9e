"use client";

/** Starting points an empty project offers; each builds a working app with the offline planner too. */
export const STARTERS = [
  { title: "Task tracker", prompt: "A task tracker with tasks (title, due date, done: yes/no, priority: low/medium/high)." },
  { title: "Small CRM", prompt: "A CRM with contacts (name, email, phone, company) and deals (title, amount, stage: lead/qualified/won/lost); each deal belongs to a contact." },
  { title: "Inventory", prompt: "An inventory app with products (name, sku, price, quantity in stock) and suppliers (name, email, website); each product comes from a supplier." },
  { title: "Event RSVPs", prompt: "An events app with events (name, date, location) and guests (name, email, attending: yes/no/maybe); each guest is invited to an event." },
];

export const EXAMPLES = [
  "A reading list with books (title, author, rating, finished on date)",
  "A gym log with workouts (date, exercise, sets, reps, weight in kg)",
  "A recipe box with recipes (name, cuisine, minutes to cook, vegetarian yes/no)",
];

type Props = { onBuild: (prompt: string) => void; onDraft: (prompt: string) => void; disabled: boolean };

/** What an empty project shows above the prompt box: starter templates that build at once, and example prompts to edit. */
export function AgentStarters({ onBuild, onDraft, disabled }: Props) {
  return (
    <div className="starters">
      <h3>Start from a template</h3>
      <ul className="starter-list">
        {STARTERS.map((s) => (
          <li key={s.title}>
            <button type="button" className="secondary" disabled={disabled} onClick={() => onBuild(s.prompt)}>
              <strong>{s.title}</strong>
              <span>{s.prompt}</span>
            </button>
          </li>
        ))}
      </ul>
      <h3>Or try a prompt</h3>
      <ul className="example-list">
        {EXAMPLES.map((e) => (
          <li key={e}>
            <button type="button" className="link-button" onClick={() => onDraft(e)}>{e}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
