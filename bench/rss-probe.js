"use strict";
// Preloaded (`node --require`) into the process under test: at exit, writes its peak RSS in bytes
// to the file named by AIGOV_BENCH_RSS_FILE.
const fs = require("fs");

const file = process.env.AIGOV_BENCH_RSS_FILE;
if (file) {
  process.once("exit", () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
