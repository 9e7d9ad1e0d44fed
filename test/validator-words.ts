/** What a validator says and a person should not read. */
export const VALIDATOR_WORDS =
  /Erlaubt sind|Allowed values|Ungültig|Invalid|Erwartet wird|Expected |Pflichtfeld|Required field|\((date|datetime|uuid|email|url)\)|UUID|\btrue\b|\bfalse\b|\bnull\b|Mindestens \d+ Zeichen\.|Höchstens \d+ Zeichen\./;
