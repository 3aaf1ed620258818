// Generates the Pulumi package schema of aigov's components with @pulumi/pulumi's own analyzer
// (the one `pulumi package add` / `pulumi package get-schema` run for a source-based plugin).
// `npm run schema` rewrites schema.json from the compiled package; the schema test compares the
// committed file with the schema of the current sources.
const fs = require("fs");
const path = require("path");
const { ComponentProvider, getPulumiComponents } = require("@pulumi/pulumi/provider/experimental");

const root = path.resolve(__dirname, "..");
const schemaFile = path.join(root, "schema.json");

/** Runs the analyzer over the package and returns the schema object. */
async function generateSchema(moduleExports) {
  const provider = new ComponentProvider({
    dirname: root,
    name: "aigov",
    components: getPulumiComponents(moduleExports),
  });
  return JSON.parse(await provider.getSchema());
}

/** The schema as committed: stable key order, two-space indent, trailing newline. */
function formatSchema(schema) {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

module.exports = { generateSchema, formatSchema, schemaFile };

if (require.main === module) {
  generateSchema(require(path.join(root, "dist", "index.js")))
    .then((schema) => {
      fs.writeFileSync(schemaFile, formatSchema(schema));
      console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
    })
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}
