// Sentence shapes people use for a record and its fields, said the way the clause reader understands.

// Verbs whose record joins the doer and the thing ("kids borrow books" is a loan).
const JOIN_VERB = "borrow|borrowed|check out|checked out|rent|rented|attend|attended|enroll in|enrolled in|sign up for|signed up for|review|reviewed|visit|visited|read|order|ordered|buy|bought";
// Verbs of a record one thing holds for another ("a judge gives a team a score").
const GIVE_VERB = "gives|give|assigns|assign|awards|award|leaves|leave|writes|write|sets|set|makes|make|records|record|grants|grant";
// Verbs of a record each of another makes ("dishes each guest brings").
const OWN_VERB = "brings|bring|owns|own|has|have|makes|make|cooks|cook|keeps|keep|writes|write|takes|take|plays|play|wears|wear|uses|use|drives|drive|sends|send|logs|log";

const REPHRASINGS: [RegExp, string][] = [
  // "the books my kids borrow from the library" → "kids borrow books".
  [new RegExp(`\\b(?:(?:keep )?track of |log |record |list )?(?:the |which |what )?([a-z]+s) (?:that |which )?(?:the )?([a-z]+s) (${JOIN_VERB})\\b(?: (?:from|at|in) (?:the |a )?[a-z]+(?: [a-z]+)?\\b)?`, "g"), "$2 $3 $1"],
  // "scores where a judge gives a team a score from 1 to 10" → "scores with judge, team, a score from 1 to 10".
  [new RegExp(`\\b([a-z]+s) (?:where|in which|when) (?:a|an|each|every|the) ([a-z]+) (?:${GIVE_VERB}) (?:a|an|each|every|the) ([a-z]+) `, "g"), "$1 with $2, $3, "],
  // "plays where we record which game, the date and who won" → "plays with game, the date and who won".
  [/\b([a-z]+s) (?:where|in which|for which) (?:we|i|you|they|people) (?:record|log|track|note|enter|keep|save|store|write down|put in|fill in) (?:which |what )?/g, "$1 with "],
  // "each member's rating of each book" → "members rate books" (a review with its rating).
  [/\b(?:each|every) ([a-z]+?)s? (?:rating|ratings|score|scores|review|reviews|stars) (?:of|for|on) (?:each|every|a|an|the) ([a-z]+?)s?\b/g, "$1s rate $2s"],
  // "cat sitting: cats have an owner": the app's name, then a sentence of its own.
  [/^([a-z][a-z ]{0,40}): (?=[a-z]+s (?:have|has) )/, "$1. "],
  // "cats have an owner (…) and visits have a date": two sentences.
  [/(?<=[a-z)]) and (?=[a-z]+s (?:have|has) )/g, ". "],
  // "dishes each guest brings with dish name" → "dishes for each guest with dish name".
  [new RegExp(`\\b([a-z]+s) (?:that )?(?:each|every) ([a-z]+) (?:${OWN_VERB})\\b`, "g"), "$1 for each $2"],
];

/** The request with those shapes rewritten; anything else is left as it was. */
export function rephrase(text: string): string {
  return REPHRASINGS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}
