const path = require("path");
const t0 = Date.now();
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: ["/work/main"] }));
const { MockMonitor } = require(pulumiDir + "/runtime/mocks");
const settings = require(pulumiDir + "/runtime/settings");
const state = require(pulumiDir + "/runtime/state");
const stack = require(pulumiDir + "/runtime/stack");
class Rec extends MockMonitor {
  registerResource(req, cb) {
    console.log(JSON.stringify({t: req.getType(), n: req.getName(), parent: req.getParent(), custom: req.getCustom(), prov: req.getProvider(), ver: req.getVersion(), deps: req.getDependenciesList(), pd: [...req.getPropertydependenciesMap().entries()].map(([k,v])=>[k,v.getUrnsList()]), inputs: req.getObject().toJavaScript()}));
    return super.registerResource(req, cb);
  }
}
const mon = new Rec({ newResource: (a) => ({ id: a.name + "-id", state: a.inputs }), call: (a) => { console.log("call", a.token, JSON.stringify(a.inputs)); return {}; } });
settings.setMockOptions(mon, "proj", "dev", true);
const store = state.getStore();
Object.assign(store, {supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false, supportsDeletedWith: true, supportsReplaceWith: true, supportsAliasSpecs: true, supportsTransforms: false, supportsParameterization: true, supportsResourceHooks: true, supportsErrorHooks: true});
console.error("setup", Date.now() - t0);
stack.runInPulumiStack(async () => {
  const aws = require("@pulumi/aws");
  console.error("aws loaded", Date.now() - t0);
  const p = new aws.Provider("p", { region: "us-west-2", defaultTags: { tags: { team: "x" } } });
  const b = new aws.s3.Bucket("b", { tags: { a: "1" } });
  new aws.s3.BucketLifecycleConfiguration("lc", { bucket: b.bucket, rules: [{ id: "r", status: "Enabled", expiration: { days: 3 } }] }, { provider: p });
  const c = new (require("@pulumi/pulumi").ComponentResource)("my:comp", "c", {}, {});
  new aws.s3.Bucket("b2", {}, { parent: c });
  const id = await aws.getCallerIdentity();
  return { arn: b.arn };
}).then(async (o) => { await settings.waitForRPCs?.(); console.error("done", Date.now() - t0, o); });
