"use strict";
// The floor of policy throughput: what @pulumi/policy and the Analyzer protocol cost per resource
// with policies that do nothing.
const { PolicyPack } = require("@pulumi/policy");

new PolicyPack("floor", {
  enforcementLevel: "advisory",
  policies: [
    { name: "noop-resource", description: "Does nothing.", validateResource: () => undefined },
    { name: "noop-stack", description: "Does nothing.", validateStack: () => undefined },
  ],
});
