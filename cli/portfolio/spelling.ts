import { gcpLabelValue } from "../../sdk";

/**
 * One spelling per metadata value across clouds: GCP label values are lower-cased and cut, so a
 * GCP value is shown in the verbatim spelling (an AWS tag, a Kubernetes label) that encodes to it,
 * and values compare in their encoded form.
 */
export class Spelling {
  private readonly verbatim = new Map<string, string>();

  /** Notes a value as a resource carries it. */
  note(key: string, value: string, gcp: boolean): void {
    if (gcp) return;
    const id = `${key}\n${gcpLabelValue(value)}`;
    const seen = this.verbatim.get(id);
    if (seen === undefined || value < seen) this.verbatim.set(id, value);
  }

  /** The spelling to show for a value. */
  show(key: string, value: string, gcp: boolean): string {
    return gcp ? (this.verbatim.get(`${key}\n${value}`) ?? value) : value;
  }

  /** The form two values compare in. */
  static same(value: string): string {
    return gcpLabelValue(value);
  }
}
