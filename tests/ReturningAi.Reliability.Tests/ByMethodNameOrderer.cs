using Xunit.Abstractions;
using Xunit.Sdk;

namespace ReturningAi.Reliability.Tests;

/// <summary>Runs a class's tests in the order of their names, for tests whose order matters (F1_, F2_, …).</summary>
public sealed class ByMethodNameOrderer : ITestCaseOrderer
{
    public const string TypeName = "ReturningAi.Reliability.Tests.ByMethodNameOrderer";
    public const string AssemblyName = "ReturningAi.Reliability.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(testCase => testCase.TestMethod.Method.Name, StringComparer.Ordinal);
}
