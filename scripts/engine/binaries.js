// The Pulumi engine binaries `npm run engine` builds into .engine/bin, pinned. Each is built from
// the Go module proxy through a small generated wrapper module that requires the module (so
// `replace` lines with local paths, which `go install module@version` refuses, never matter):
// the wrapper copies the module's non-local replaces and pins each local one to a served version.
// docs/engine.md explains the choice of versions and what cannot be built this way.
"use strict";

/**
 * @typedef {object} Binary
 * @property {string} name          file name in .engine/bin
 * @property {string} module        Go module path
 * @property {string} version       pinned module version
 * @property {string} package       main package to build
 * @property {string[]} [alsoRequire]   more module@version the wrapper requires
 * @property {Record<string, string>} [pinLocalReplaces]  module path → served version, for the
 *                                  module's replaces that point at a local directory
 * @property {string} versionVariable   the variable -ldflags -X stamps with `stampedVersion`
 * @property {string} stampedVersion    the version the binary reports to the engine
 * @property {boolean} [generateEmbeds] the main package embeds files its `go generate` step writes
 *                                  (not in the module zip): copy the package into the wrapper
 *                                  and run `go run generate.go` with VERSION set first
 */

/** @type {Binary[]} */
const BINARIES = [
  {
    name: "pulumi",
    module: "github.com/pulumi/pulumi/pkg/v3",
    version: "v3.274.1",
    package: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    // pkg/v3 replaces sdk/v3 with ../sdk: the release of the same tag.
    alsoRequire: ["github.com/pulumi/pulumi/sdk/v3@v3.274.1"],
    versionVariable: "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version",
    stampedVersion: "v3.274.1",
  },
  {
    name: "pulumi-language-yaml",
    module: "github.com/pulumi/pulumi-yaml",
    version: "v1.25.0",
    package: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
    versionVariable: "github.com/pulumi/pulumi-yaml/pkg/version.Version",
    stampedVersion: "v1.25.0",
  },
  {
    name: "pulumi-resource-kubernetes",
    module: "github.com/pulumi/pulumi-kubernetes/provider/v4",
    // The only version the proxy serves (a commit of 2026-01-15; its go.mod requires
    // sdk/v4 v4.24.0): @pulumi/kubernetes 4.34.2 asks for 4.34.2, which is not served.
    version: "v4.0.0-20260115033456-f47bc2d6f199",
    package: "github.com/pulumi/pulumi-kubernetes/provider/v4/cmd/pulumi-resource-kubernetes",
    pinLocalReplaces: { "github.com/pulumi/pulumi-kubernetes/sdk/v4": "v4.24.0" },
    versionVariable: "github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version",
    stampedVersion: "4.0.0-20260115033456-f47bc2d6f199",
    generateEmbeds: true,
  },
];

/**
 * Modules the proxy refuses (403 "This module version is not available", for every version,
 * 2026-12-02): the binaries are not built, and docs/engine.md says how the tests do without them.
 */
const NOT_SERVED = [
  {
    name: "pulumi-language-nodejs",
    module: "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3",
  },
  {
    name: "pulumi-language-python",
    module: "github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3",
  },
];

module.exports = { BINARIES, NOT_SERVED };
