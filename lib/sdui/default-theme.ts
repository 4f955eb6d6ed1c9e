/**
 * The look of an app whose blueprint names none, and of the error pages. The Theme schema takes its
 * defaults from here (which type-checks each value), so the browser gets them without the schema.
 */
export const DEFAULT_THEME = { primaryColor: "#4f46e5", radius: "md", font: "system" } as const;
