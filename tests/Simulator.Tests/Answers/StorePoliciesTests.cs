using Cascade.Simulator.Answers.Realistic;

namespace Cascade.Simulator.Tests.Answers;

public sealed class StorePoliciesTests
{
    [Theory]
    [InlineData("How do returns work?", "return-window")]
    [InlineData("What is your return policy?", "return-window")]
    [InlineData("How do I return my jacket?", "return-window")]
    public void TheCommonWaysOfAskingAboutReturns_FindTheReturnWindow(string question, string policy) =>
        StorePolicies.Detect(question).Select(p => p.Id).ShouldContain(policy);

    [Fact]
    public void AQuestionOutsideTheStore_FindsNoPolicy() =>
        StorePolicies.Detect("Who painted the ceiling of the Sistine Chapel?").ShouldBeEmpty();
}
