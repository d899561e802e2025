using Cascade.Evaluation.Data;

namespace Cascade.Evaluation.Tests.Data;

public sealed class FrugalGptCsvLoaderTests
{
    private const string Header = "_id,query,ref_answer,gpt-j,gpt-j_answer,gpt-j_cost,gpt-4,gpt-4_answer,gpt-4_cost\n";

    [Fact]
    public void Load_ReadsEveryModelsScoreAnswerAndCost()
    {
        string text = Header
            + "q1,\"Headline: gold up?\nA) up\nB) down\",up,1,up,0.00002,1,up,0.0031\n"
            + "q2,Headline: oil falls,down,0.0,\"not sure, up\",2.1e-05,1.0,down,0.003\n";

        var dataset = FrugalGptCsvLoader.Load("headlines_test.csv", new StringReader(text));

        dataset.Format.ShouldBe(RecordingFormat.FrugalGptCsv);
        dataset.Name.ShouldBe("headlines");
        dataset.Split.ShouldBe("test");
        dataset.Models.ShouldBe(["gpt-j", "gpt-4"]);
        dataset.Questions.Select(q => q.Id).ShouldBe(["q1", "q2"]);
        dataset.Questions[0].Prompt.ShouldBe("Headline: gold up?\nA) up\nB) down");
        dataset.Questions[1].Line.ShouldBe(5); // the first row spans lines 2 to 4
        dataset.Questions[1].Answers[0].ShouldBe(new RecordedAnswer("not sure, up", false, 0.000021m, null, null, null));
        dataset.Questions[0].Answers[1].Cost.ShouldBe(0.0031m);
        dataset.Questions[1].Answers[1].Correct.ShouldBeTrue();
    }

    [Fact]
    public void Load_SkipsBlankScoresAndCountsThem()
    {
        string text = Header + "q1,a,x,1,x,0.1,1,x,0.2\nq2,b,x,,x,0.1,1,x,0.2\n";

        var dataset = FrugalGptCsvLoader.Load("h.csv", new StringReader(text));

        dataset.Questions.ShouldHaveSingleItem().Id.ShouldBe("q1");
        dataset.Skipped.ShouldHaveSingleItem().ShouldBe(new SkippedRow(3, "gpt-j score is blank"));
    }

    [Fact]
    public void Load_WithoutIdColumn_NumbersTheRows()
    {
        string text = "m,m_answer,m_cost\n1,A,0.1\n0,B,0.1\n";

        FrugalGptCsvLoader.Load("h.csv", new StringReader(text)).Questions.Select(q => q.Id).ShouldBe(["1", "2"]);
    }

    [Theory]
    [InlineData("q1,a,x,maybe,x,0.1,1,x,0.2\n", "h.csv:2: field 'gpt-j': expected a score of 0 or 1, found 'maybe'.")]
    [InlineData("q1,a,x,1,x,cheap,1,x,0.2\n", "h.csv:2: field 'gpt-j_cost': expected a number of US dollars, found 'cheap'.")]
    [InlineData("q1,a,x,1,x,-0.1,1,x,0.2\n", "h.csv:2: field 'gpt-j_cost': a cost cannot be negative (-0.1).")]
    [InlineData("q1,a,x,1,x,0.1,1,x,0.2\nq1,b,x,1,x,0.1,1,x,0.2\n", "h.csv:3: field '_id': the id 'q1' appears twice: every question needs its own.")]
    [InlineData("q1,a,x,1,x,0.1,1,x\n", "h.csv:2: field '(row)': expected 9 columns, found 8.")]
    public void Load_BadValue_NamesLineAndColumn(string rows, string message)
    {
        Should.Throw<RecordingFormatException>(() => FrugalGptCsvLoader.Load("h.csv", new StringReader(Header + rows))).Message.ShouldBe(message);
    }

    [Fact]
    public void Load_HeaderWithoutModelColumns_SaysWhatColumnsAreExpected()
    {
        Should.Throw<RecordingFormatException>(() => FrugalGptCsvLoader.Load("h.csv", new StringReader("id,query,gpt-4_answer\n1,q,A\n")))
            .Message.ShouldContain("'<model>_answer' and '<model>_cost'");
    }

    [Fact]
    public void RecordingLoader_TellsTheCsvFormatsApartByTheirHeader()
    {
        string folder = Directory.CreateTempSubdirectory("cascade-eval-").FullName;
        try
        {
            string frugal = Path.Combine(folder, "headlines_train.csv");
            File.WriteAllText(frugal, Header + "q1,a,x,1,x,0.1,1,x,0.2\n");
            string unknown = Path.Combine(folder, "other_train.csv");
            File.WriteAllText(unknown, "id,question,answer\n1,q,a\n");

            RecordingLoader.Load(frugal).Format.ShouldBe(RecordingFormat.FrugalGptCsv);
            RecordingLoader.Load(Fixture.Path("arc_tiny_test.csv")).Format.ShouldBe(RecordingFormat.RouterBenchCsv);
            Should.Throw<RecordingFormatException>(() => RecordingLoader.Load(unknown)).Message.ShouldContain("not a known CSV recording");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
