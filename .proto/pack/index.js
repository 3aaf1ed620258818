const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("tp", { policies: [{ name: "p1", description: "d1", enforcementLevel: "mandatory", validateResource: (args, report) => { if (!args.props.tags) report("no tags"); } }] });
