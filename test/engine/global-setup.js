// Fails `npm run test:engine` at once when the engine has not been built: no engine test is
// skipped silently.
const { missingEngine } = require("./engine-bin");

module.exports = async () => {
  const missing = missingEngine();
  if (missing) {
    throw new Error(missing);
  }
};
