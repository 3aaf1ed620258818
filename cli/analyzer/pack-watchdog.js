"use strict";
// Preloaded (`node --require`) into every policy pack process aigov starts. aigov holds the write
// end of the pack's stdin; when aigov goes away for any reason (kill -9 included), the pipe closes
// and the pack exits at once instead of living on as an orphan.
const stdin = process.stdin;
const exit = () => process.exit(0);
stdin.on("end", exit);
stdin.on("close", exit);
stdin.on("error", exit);
stdin.resume();
// The pack's own server keeps it running; the watch alone must not.
if (typeof stdin.unref === "function") {
  stdin.unref();
}
