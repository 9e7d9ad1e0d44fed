import { describe, expect, it } from "vitest";
import { centsOf, euros, readEuros } from "./money";

describe("money as people read and type it", () => {
  it("shows cents as euros in the UI language", () => {
    expect(euros(2340, "de")).toBe("23,40\u00a0€");
    expect(euros(123450, "de")).toBe("1.234,50\u00a0€");
    expect(euros(2340, "en")).toBe("€23.40");
  });

  it("reads an amount typed with a decimal comma or point, thousands dots and a euro sign", () => {
    expect(centsOf("23,40")).toBe(2340);
    expect(centsOf("23.4")).toBe(2340);
    expect(centsOf("73")).toBe(7300);
    expect(centsOf("1.234,50")).toBe(123450);
    expect(centsOf(" 23,40 € ")).toBe(2340);
    expect(centsOf("1.234")).toBeNull();
    expect(centsOf("zwölf")).toBeNull();
    expect(centsOf("")).toBeNull();
  });

  it("sends what is no amount as typed, so the server names the field, and nothing for an empty field", () => {
    expect(readEuros("72,90")).toBe(7290);
    expect(readEuros("72.9")).toBe(7290);
    expect(readEuros(" ")).toBeUndefined();
    expect(readEuros(" 72,9x ")).toBe("72,9x");
  });
});
