"use strict";
// The portfolio declared raw: the resources the components program registered (recorded by
// bench/generate.js), each constructed with its @pulumi/aws, gcp or kubernetes class, the same
// inputs and the same dependencies: a property that took other resources' outputs gets an output
// of those resources (with the recorded value), the other dependencies become `dependsOn`.
const pulumi = require("@pulumi/pulumi");

const PACKAGES = {
  aws: () => require("@pulumi/aws"),
  gcp: () => require("@pulumi/gcp"),
  kubernetes: () => require("@pulumi/kubernetes"),
};

/** The SDK class of a type token: `aws:s3/bucket:Bucket` → aws.s3.Bucket. */
function resourceClass(type) {
  const [pkgName, module, className] = type.split(":");
  if (pkgName === "pulumi") {
    return PACKAGES[className]().Provider; // pulumi:providers:<package>
  }
  const pkg = PACKAGES[pkgName]();
  if (pkgName === "kubernetes") {
    // `apps/v1` → apps.v1, `networking.k8s.io/v1` → networking.v1; custom resources otherwise.
    const [group, version] = module.split("/");
    const cls = pkg[group.split(".")[0]]?.[version]?.[className];
    return cls ?? pkg.apiextensions.CustomResource;
  }
  const head = module.split("/")[0];
  return head === "index" ? pkg[className] : pkg[head][className];
}

/** Declares every recorded resource. */
module.exports = function declareResources(resources) {
  const classes = new Map();
  const declared = [];
  for (const r of resources) {
    let Class = classes.get(r.type);
    if (!Class) {
      Class = resourceClass(r.type);
      classes.set(r.type, Class);
    }
    const inputs = { ...r.inputs };
    for (const [property, deps] of Object.entries(r.wired)) {
      const value = inputs[property];
      inputs[property] = pulumi.all(deps.map((i) => declared[i].urn)).apply(() => value);
    }
    const opts = r.dependsOn.length ? { dependsOn: r.dependsOn.map((i) => declared[i]) } : {};
    declared.push(new Class(r.name, inputs, opts));
  }
};
