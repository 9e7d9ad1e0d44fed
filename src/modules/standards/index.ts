import { defineModule } from "../../kernel/module";

/**
 * Service standards (Leistungsstandards): the region's versioned catalogue of standards keyed to
 * LeiKa/OZG, and the values the administrations report against them (docs/STANDARDS.md).
 */
export const standardsModule = defineModule({
  name: "standards",
  routes: [],
});
