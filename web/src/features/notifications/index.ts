/** The outbox: its page, loaded when first visited. */
export { OutboxPage } from "./OutboxPage";
