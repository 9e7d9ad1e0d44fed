import type { ResponseOf } from "../../api/types";

/** The outbox (Postausgang): whether mail is sent, and the messages the caller may read. */
export type Outbox = ResponseOf<"/api/v1/outbox">;
