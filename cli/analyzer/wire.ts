import type { PropertyMap, StackResource } from "../model";
import { toAnalyzerProperties } from "../properties";

/**
 * Writes the protobuf wire format of the Analyzer requests straight from stack resources, with no
 * intermediate google-protobuf objects: the same bytes as google-protobuf's `serializeBinary()` of
 * the same messages (`test/cli/protobuf-oracle.ts` builds them for the tests): fields in
 * field-number order, proto3 defaults left out, map entries sorted by key, NaN written as
 * google-protobuf writes it.
 *
 * One difference: strings are written as well-formed UTF-8, a lone UTF-16 surrogate as U+FFFD
 * (as `Buffer` and `TextEncoder` do), where google-protobuf writes it as an invalid 3-byte
 * sequence or drops it. Values come from the engine's protocol, whose strings are UTF-8: they
 * hold no lone surrogates.
 *
 * Field numbers and types: `@pulumi/pulumi/proto/analyzer_pb.js` and
 * `google-protobuf/google/protobuf/struct_pb.js`.
 */

/** A field tag: `(field number << 3) | wire type` (0 varint, 1 64-bit, 2 length-delimited). */
const tag = (field: number, wireType: 0 | 1 | 2) => (field << 3) | wireType;

// AnalyzeRequest (1-6) and AnalyzerResource (1-9).
const RESOURCE_TYPE = tag(1, 2);
const RESOURCE_PROPERTIES = tag(2, 2);
const RESOURCE_URN = tag(3, 2);
const RESOURCE_NAME = tag(4, 2);
const RESOURCE_OPTIONS = tag(5, 2);
const RESOURCE_PROVIDER = tag(6, 2);
const RESOURCE_PARENT = tag(7, 2);
const RESOURCE_DEPENDENCIES = tag(8, 2);
const RESOURCE_PROPERTY_DEPENDENCIES = tag(9, 2);
// AnalyzerResourceOptions.
const OPTIONS_PROTECT = tag(1, 0);
const OPTIONS_IGNORE_CHANGES = tag(2, 2);
const OPTIONS_DELETE_BEFORE_REPLACE = tag(3, 0);
const OPTIONS_DELETE_BEFORE_REPLACE_DEFINED = tag(4, 0);
const OPTIONS_ADDITIONAL_SECRET_OUTPUTS = tag(5, 2);
const OPTIONS_ALIASES = tag(6, 2);
const OPTIONS_CUSTOM_TIMEOUTS = tag(7, 2);
const OPTIONS_PARENT = tag(8, 2);
// CustomTimeouts.
const TIMEOUT_CREATE = tag(1, 1);
const TIMEOUT_UPDATE = tag(2, 1);
const TIMEOUT_DELETE = tag(3, 1);
// AnalyzerProviderResource (1-4, as AnalyzeRequest), AnalyzerPropertyDependencies.
const PROPERTY_DEPENDENCIES_URNS = tag(1, 2);
// AnalyzeStackRequest.
const STACK_RESOURCES = tag(1, 2);
// Map entries (Struct.fields, AnalyzerResource.propertyDependencies).
const ENTRY_KEY = tag(1, 2);
const ENTRY_VALUE = tag(2, 2);
// Struct, Value, ListValue.
const STRUCT_FIELDS = tag(1, 2);
const VALUE_NULL = tag(1, 0);
const VALUE_NUMBER = tag(2, 1);
const VALUE_STRING = tag(3, 2);
const VALUE_BOOL = tag(4, 0);
const VALUE_STRUCT = tag(5, 2);
const VALUE_LIST = tag(6, 2);
const LIST_VALUES = tag(1, 2);

/** Strings up to this many UTF-16 units are UTF-8 encoded in JavaScript, longer ones natively. */
const SHORT_STRING = 42;

function varintSize(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

/** A growing buffer that protobuf fields are appended to. */
class Writer {
  private buf: Buffer;
  private pos = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** The bytes written so far (a view on the buffer, not a copy). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  get capacity(): number {
    return this.buf.length;
  }

  reset(): void {
    this.pos = 0;
  }

  private reserve(n: number): void {
    if (this.pos + n > this.buf.length) {
      let capacity = this.buf.length * 2;
      while (capacity < this.pos + n) {
        capacity *= 2;
      }
      const grown = Buffer.allocUnsafe(capacity);
      this.buf.copy(grown, 0, 0, this.pos);
      this.buf = grown;
    }
  }

  /** A non-negative integer below 2^32 (tags, lengths) as a varint; space must be reserved. */
  private varint(value: number): void {
    const { buf } = this;
    while (value > 0x7f) {
      buf[this.pos++] = (value & 0x7f) | 0x80;
      value >>>= 7;
    }
    buf[this.pos++] = value;
  }

  bool(fieldTag: number, value: boolean): void {
    this.reserve(2);
    this.buf[this.pos++] = fieldTag;
    this.buf[this.pos++] = value ? 1 : 0;
  }

  double(fieldTag: number, value: number): void {
    this.reserve(9);
    this.buf[this.pos++] = fieldTag;
    if (Number.isNaN(value)) {
      // google-protobuf's `splitFloat64` writes every NaN as 0x7fffffffffffffff.
      this.buf.fill(0xff, this.pos, this.pos + 7);
      this.buf[this.pos + 7] = 0x7f;
    } else {
      this.buf.writeDoubleLE(value, this.pos);
    }
    this.pos += 8;
  }

  string(fieldTag: number, value: string): void {
    const n = value.length;
    if (n <= SHORT_STRING) {
      // At most 3 bytes per UTF-16 unit: the length fits one varint byte.
      this.reserve(2 + 3 * n);
      this.buf[this.pos++] = fieldTag;
      const at = this.pos++;
      this.pos = writeUtf8(this.buf, this.pos, value);
      this.buf[at] = this.pos - at - 1;
    } else {
      const size = Buffer.byteLength(value, "utf8");
      this.reserve(6 + size);
      this.buf[this.pos++] = fieldTag;
      this.varint(size);
      this.pos += this.buf.write(value, this.pos, size, "utf8");
    }
  }

  /** Starts a length-delimited field; returns the mark to pass to {@link end}. */
  begin(fieldTag: number): number {
    this.reserve(2);
    this.buf[this.pos++] = fieldTag;
    // One byte is reserved for the length; `end` makes room if the field is longer.
    return this.pos++;
  }

  end(mark: number): void {
    const size = this.pos - mark - 1;
    if (size < 0x80) {
      this.buf[mark] = size;
      return;
    }
    const extra = varintSize(size) - 1;
    this.reserve(extra);
    this.buf.copyWithin(mark + 1 + extra, mark + 1, this.pos);
    const end = this.pos + extra;
    this.pos = mark;
    this.varint(size);
    this.pos = end;
  }
}

/** Writes `value` as UTF-8 at `pos` (lone surrogates as U+FFFD); returns the end position. */
function writeUtf8(buf: Buffer, pos: number, value: string): number {
  for (let i = 0; i < value.length; i++) {
    let c = value.charCodeAt(i);
    if (c < 0x80) {
      buf[pos++] = c;
    } else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[pos++] = 0xf0 | (c >> 18);
          buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
          buf[pos++] = 0x80 | (c & 0x3f);
          i++;
          continue;
        }
        c = 0xfffd;
      }
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos;
}

/** A `google.protobuf.Value` body of a JSON-like value, as `Value.fromJavaScript` builds it. */
function writeValue(w: Writer, value: unknown): void {
  switch (typeof value) {
    case "string":
      w.string(VALUE_STRING, value);
      return;
    case "number":
      w.double(VALUE_NUMBER, value);
      return;
    case "boolean":
      w.bool(VALUE_BOOL, value);
      return;
    case "object":
      if (value === null) {
        // The enum `NullValue.NULL_VALUE`, 0: the same bytes as a false bool.
        w.bool(VALUE_NULL, false);
      } else if (Array.isArray(value)) {
        const mark = w.begin(VALUE_LIST);
        for (const item of value) {
          const itemMark = w.begin(LIST_VALUES);
          writeValue(w, item);
          w.end(itemMark);
        }
        w.end(mark);
      } else {
        writeStruct(w, VALUE_STRUCT, value as Record<string, unknown>);
      }
      return;
    default:
      throw new Error(`cannot encode a ${typeof value} as a protobuf Value`);
  }
}

/** A `google.protobuf.Struct` field: its `fields` map, entries sorted by key. */
function writeStruct(w: Writer, fieldTag: number, record: Record<string, unknown>): void {
  const mark = w.begin(fieldTag);
  for (const key of Object.keys(record).sort()) {
    const entry = w.begin(STRUCT_FIELDS);
    w.string(ENTRY_KEY, key);
    const valueMark = w.begin(ENTRY_VALUE);
    writeValue(w, record[key]);
    w.end(valueMark);
    w.end(entry);
  }
  w.end(mark);
}

/** `Struct.fromJavaScript(toAnalyzerProperties(props))`: properties as the engine sends them. */
function writeProperties(w: Writer, props: PropertyMap): void {
  writeStruct(w, RESOURCE_PROPERTIES, toAnalyzerProperties(props));
}

function writeNonEmpty(w: Writer, fieldTag: number, value: string): void {
  if (value.length > 0) {
    w.string(fieldTag, value);
  }
}

function writeRepeated(w: Writer, fieldTag: number, values: readonly string[]): void {
  for (const value of values) {
    w.string(fieldTag, value);
  }
}

function writeNonZero(w: Writer, fieldTag: number, value: number): void {
  if (value !== 0) {
    w.double(fieldTag, value);
  }
}

function writeOptions(w: Writer, resource: StackResource): void {
  const { options: o } = resource;
  const mark = w.begin(RESOURCE_OPTIONS);
  if (o.protect) {
    w.bool(OPTIONS_PROTECT, true);
  }
  writeRepeated(w, OPTIONS_IGNORE_CHANGES, o.ignoreChanges);
  if (o.deleteBeforeReplace) {
    w.bool(OPTIONS_DELETE_BEFORE_REPLACE, true);
  }
  if (o.deleteBeforeReplace !== undefined) {
    w.bool(OPTIONS_DELETE_BEFORE_REPLACE_DEFINED, true);
  }
  writeRepeated(w, OPTIONS_ADDITIONAL_SECRET_OUTPUTS, o.additionalSecretOutputs);
  writeRepeated(w, OPTIONS_ALIASES, o.aliases);
  const timeouts = w.begin(OPTIONS_CUSTOM_TIMEOUTS);
  writeNonZero(w, TIMEOUT_CREATE, o.customTimeouts.create);
  writeNonZero(w, TIMEOUT_UPDATE, o.customTimeouts.update);
  writeNonZero(w, TIMEOUT_DELETE, o.customTimeouts.delete);
  w.end(timeouts);
  writeNonEmpty(w, OPTIONS_PARENT, resource.parent ?? "");
  w.end(mark);
}

function writeProvider(w: Writer, provider: StackResource | undefined): void {
  if (provider) {
    const mark = w.begin(RESOURCE_PROVIDER);
    writeNonEmpty(w, RESOURCE_TYPE, provider.type);
    writeProperties(w, provider.inputs);
    writeNonEmpty(w, RESOURCE_URN, provider.urn);
    writeNonEmpty(w, RESOURCE_NAME, provider.name);
    w.end(mark);
  }
}

/** Fields 1-6, shared by `AnalyzeRequest` and `AnalyzerResource`. */
function writeResource(
  w: Writer,
  resource: StackResource,
  props: PropertyMap,
  provider: StackResource | undefined,
): void {
  writeNonEmpty(w, RESOURCE_TYPE, resource.type);
  writeProperties(w, props);
  writeNonEmpty(w, RESOURCE_URN, resource.urn);
  writeNonEmpty(w, RESOURCE_NAME, resource.name);
  writeOptions(w, resource);
  writeProvider(w, provider);
}

function writeStackResource(
  w: Writer,
  resource: StackResource,
  provider: StackResource | undefined,
): void {
  writeResource(w, resource, resource.outputs, provider);
  writeNonEmpty(w, RESOURCE_PARENT, resource.parent ?? "");
  writeRepeated(w, RESOURCE_DEPENDENCIES, resource.dependencies);
  const dependencies = resource.propertyDependencies;
  for (const property of Object.keys(dependencies).sort()) {
    // As the engine's AnalyzeStack: properties that depend on nothing are left out.
    if (dependencies[property].length === 0) {
      continue;
    }
    const entry = w.begin(RESOURCE_PROPERTY_DEPENDENCIES);
    w.string(ENTRY_KEY, property);
    const mark = w.begin(ENTRY_VALUE);
    writeRepeated(w, PROPERTY_DEPENDENCIES_URNS, dependencies[property]);
    w.end(mark);
    w.end(entry);
  }
}

const SCRATCH_BYTES = 64 * 1024;
/** Reused for the small per-resource requests; results are copied out of it. */
let scratch = new Writer(SCRATCH_BYTES);

/**
 * The serialized `pulumirpc.AnalyzeRequest` (also `Remediate`'s request) for `resource` with
 * `inputs`.
 */
export function encodeAnalyzeRequest(
  resource: StackResource,
  inputs: PropertyMap,
  provider: StackResource | undefined,
): Buffer {
  scratch.reset();
  writeResource(scratch, resource, inputs, provider);
  const request = Buffer.from(scratch.bytes());
  if (scratch.capacity > SCRATCH_BYTES * 16) {
    // An unusually large resource grew it: that memory is let go.
    scratch = new Writer(SCRATCH_BYTES);
  }
  return request;
}

/**
 * The serialized `pulumirpc.AnalyzeStackRequest` of `resources` (their outputs, parents and
 * dependencies, and the property dependencies that are not empty).
 */
export function encodeAnalyzeStackRequest(
  resources: readonly StackResource[],
  providerOf: (resource: StackResource) => StackResource | undefined,
): Buffer {
  const w = new Writer(1024 * 1024);
  for (const resource of resources) {
    const mark = w.begin(STACK_RESOURCES);
    writeStackResource(w, resource, providerOf(resource));
    w.end(mark);
  }
  return w.bytes();
}
