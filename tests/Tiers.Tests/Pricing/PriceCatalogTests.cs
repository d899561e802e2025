namespace Cascade.Tests.Pricing;

public class PriceCatalogTests
{
    [Theory]
    [InlineData("claude-haiku-4-5-20251001", 1, 5)]
    [InlineData("claude-sonnet-4-6", 3, 15)]
    [InlineData("claude-opus-4-7", 5, 25)]
    public void LoadDefault_HasTheAnthropicLadder(string model, decimal input, decimal output)
    {
        PriceTable price = PriceCatalog.LoadDefault().GetPrice(model);

        price.InputPerMillion.ShouldBe(input);
        price.OutputPerMillion.ShouldBe(output);
        price.CacheWritePerMillion.ShouldBe(input * 1.25m);
        price.CacheReadPerMillion.ShouldBe(input * 0.1m);
    }

    [Fact]
    public void Load_ReadsAFileFromDisk()
    {
        string path = Path.Combine(Path.GetTempPath(), $"prices-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "models": { "my-model": { "input": 0.5, "output": 2, "cacheRead": 0.01 } } }""");
        try
        {
            PriceTable price = PriceCatalog.Load(path).GetPrice("MY-MODEL");

            price.CacheReadPerMillion.ShouldBe(0.01m);
            price.CacheWritePerMillion.ShouldBe(0.625m);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_ListsEveryError()
    {
        var ex = Should.Throw<FormatException>(() => PriceCatalog.Parse(
            """{ "models": { "a": { "output": 1 }, "b": { "input": "x", "output": 1 }, "c": { "input": -1, "output": 1 } } }""", "prices.json"));

        ex.Message.ShouldContain("models.a.input is missing");
        ex.Message.ShouldContain("models.b.input must be a number");
        ex.Message.ShouldContain("models.c.input is -1");
    }

    [Fact]
    public void Parse_RejectsInvalidJson() =>
        Should.Throw<FormatException>(() => PriceCatalog.Parse("{ not json", "prices.json")).Message.ShouldStartWith("prices.json: not valid JSON");

    [Fact]
    public void GetPrice_UnknownModel_SaysHowToFix() =>
        Should.Throw<KeyNotFoundException>(() => PriceCatalog.LoadDefault().GetPrice("nope")).Message.ShouldContain("price file");

    [Fact]
    public void Load_MissingFile_NamesIt() =>
        Should.Throw<FileNotFoundException>(() => PriceCatalog.Load("/does/not/exist.json")).Message.ShouldContain("/does/not/exist.json");
}
