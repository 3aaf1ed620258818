/** Runs @pulumi/pulumi's component analyzer over the package and returns the schema object. */
export declare function generateSchema(moduleExports: unknown): Promise<unknown>;
/** The schema as committed: two-space indent and a trailing newline. */
export declare function formatSchema(schema: unknown): string;
/** Path of the committed schema.json. */
export declare const schemaFile: string;
