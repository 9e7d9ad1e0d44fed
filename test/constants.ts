/** Password of every demo account in the test databases. */
export const TEST_PASSWORD = "test-passwort-verbund-2026";
