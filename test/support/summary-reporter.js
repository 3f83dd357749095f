// Ends the run with plain lines that any CI can read: "tests: N passed, N failed, N skipped", and what ran against
// each production store (its double here, the real server when its connection string is set).
const TARGETS = [
  { name: 'MongoDB adapters on the MongoDB 7 double', match: /: mongodb adapter on the MongoDB 7 double/ },
  { name: 'MongoDB adapters on a real server (MONGODB_URI)', match: /: mongodb( \(skipped: [^)]*\))?$/ },
  { name: 'EventStoreDB adapter on the EventStoreDB 24.10 double', match: /: eventstoredb adapter on the EventStoreDB 24\.10 double/ },
  { name: 'EventStoreDB adapter on a real server (EVENTSTORE_CONNECTION_STRING)', match: /: eventstoredb( \(skipped: [^)]*\))?$/ },
];

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numRuntimeErrorTestSuites } = results;
    const failed = numFailedTests + numRuntimeErrorTestSuites;
    const lines = [];
    for (const target of TARGETS) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      const suites = new Set();
      for (const file of results.testResults) {
        for (const test of file.testResults) {
          const suite = test.ancestorTitles[0] ?? '';
          if (!target.match.test(suite)) continue;
          suites.add(`${file.testFilePath}\u0000${suite}`);
          if (test.status === 'passed') counts.passed++;
          else if (test.status === 'failed') counts.failed++;
          else counts.skipped++;
        }
      }
      lines.push(`${target.name}: ${suites.size} suites, ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    }
    process.stdout.write(`\n${lines.join('\n')}\ntests: ${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`);
  }
}
module.exports = SummaryReporter;
