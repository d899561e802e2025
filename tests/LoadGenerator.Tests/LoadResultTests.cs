namespace Cascade.LoadGenerator.Tests;

public sealed class LoadResultTests
{
    [Fact]
    public void Percentile_UsesNearestRank()
    {
        double[] sorted = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

        LoadResult.Percentile(sorted, 50).ShouldBe(50);
        LoadResult.Percentile(sorted, 99).ShouldBe(99);
        LoadResult.Percentile(sorted, 100).ShouldBe(100);
        LoadResult.Percentile([7], 50).ShouldBe(7);
        LoadResult.Percentile([], 50).ShouldBe(0);
    }
}
