using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Tests.Data;

public sealed class DatasetPairTests
{
    [Fact]
    public void Resplit_CutsThePooledQuestionsIntoSplitsOfTheSameSizes_BySeed()
    {
        var pair = Fixture.MmluPair();

        var resplit = pair.Resplit(7);

        resplit.Train.Questions.Count.ShouldBe(pair.Train.Questions.Count);
        resplit.Test.Questions.Count.ShouldBe(pair.Test.Questions.Count);
        var ids = pair.Train.Questions.Concat(pair.Test.Questions).Select(q => q.Id + "@" + q.Line).Order().ToArray();
        resplit.Train.Questions.Concat(resplit.Test.Questions).Select(q => q.Id + "@" + q.Line).Order().ShouldBe(ids);
        resplit.Train.Questions.Select(q => q.Id).ShouldNotBe(pair.Train.Questions.Select(q => q.Id));
        pair.Resplit(7).Train.Questions.Select(q => q.Id).ShouldBe(resplit.Train.Questions.Select(q => q.Id));
        pair.Resplit(8).Train.Questions.Select(q => q.Id).ShouldNotBe(resplit.Train.Questions.Select(q => q.Id));
        resplit.Train.Task.ShouldBe(pair.Train.Task);
        resplit.Name.ShouldBe(pair.Name);
    }
}
