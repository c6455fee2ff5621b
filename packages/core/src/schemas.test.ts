import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { publishedSchemas } from "./schemas";

const folder = join(__dirname, "..", "schemas");

describe("published JSON Schemas", () => {
  const schemas = publishedSchemas();
  if (process.env.UPDATE_SCHEMAS) {
    mkdirSync(folder, { recursive: true });
    for (const [name, schema] of Object.entries(schemas))
      writeFileSync(join(folder, name), `${JSON.stringify(schema, null, 2)}\n`);
  }
  it.each(Object.keys(schemas))(
    "%s is up to date (run `pnpm schemas` after changing a zod schema)",
    (name) => {
      const committed = JSON.parse(readFileSync(join(folder, name), "utf8"));
      expect(committed).toEqual(JSON.parse(JSON.stringify(schemas[name])));
    },
  );
});
