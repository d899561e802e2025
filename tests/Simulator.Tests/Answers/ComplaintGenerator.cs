namespace Cascade.Simulator.Tests.Answers;

/// <summary>Generates customer complaints that combine k of the m issues a store hears about, from a seed.</summary>
public static class ComplaintGenerator
{
    private static readonly (string Issue, string[] Phrasings)[] s_issues =
    [
        ("late", ["My parcel still hasn't arrived after two weeks.", "The package I ordered never arrived.", "My delivery is late and there is no sign of it."]),
        ("damaged", ["The mug arrived cracked.", "The lamp came damaged, the shade is dented.", "The vase was shattered when I opened the box."]),
        ("wrong-item", ["You sent me the wrong item, a blue scarf instead of a red one.", "I got the wrong size of the boots.", "The box contained a different item from the one I paid for."]),
        ("refund", ["When do I get my refund for the shoes I sent back last week?", "I want my money back for the headphones.", "How long does a refund take to reach my card?"]),
        ("return-window", ["Can I still return the jacket I bought five weeks ago?", "I'd like to send it back even though it has been over a month.", "Can I return the coat, it was delivered 40 days ago?"]),
        ("double-charge", ["I was charged twice for the same order.", "My bank statement shows two charges for one purchase.", "There is a duplicate charge on my card."]),
        ("price-drop", ["The price dropped by $20 three days after I bought it.", "The blender is cheaper now than when I bought it last week.", "The price went down right after my purchase."]),
        ("defect", ["The kettle stopped working after two months.", "The speaker is faulty and crackles.", "My toaster won't turn on anymore."]),
        ("cancel", ["I want to cancel my second order.", "Please cancel the order I placed an hour ago.", "How do I cancel an order I no longer need?"]),
        ("customs", ["The courier asked me to pay customs before handing over the parcel.", "Why was I charged an import fee on delivery?", "Nobody told me about import duties on my order."]),
    ];

    /// <summary>Gets the number of issues (m).</summary>
    public static int IssueCount => s_issues.Length;

    /// <summary>Generates a complaint raising <paramref name="k"/> distinct issues, chosen and phrased from <paramref name="seed"/>.</summary>
    public static Complaint Generate(int seed, int k)
    {
        var random = new Random(seed);
        int[] chosen = [.. Enumerable.Range(0, s_issues.Length).OrderBy(_ => random.Next()).Take(k)];
        string[] sentences = [.. chosen.Select(i => s_issues[i].Phrasings[random.Next(s_issues[i].Phrasings.Length)])];
        string[] openings = ["Hi,", "Hello,", "Hi there,", "Good morning,"];
        string[] closings = ["Please help.", "What can you do?", "Thanks.", "I'm really unhappy about this."];
        string text = $"{openings[random.Next(openings.Length)]} {string.Join(' ', sentences)} {closings[random.Next(closings.Length)]}";
        return new Complaint(text, [.. chosen.Select(i => s_issues[i].Issue)]);
    }

    /// <summary>Generates the complaint of one seed: 1 to 4 issues out of m.</summary>
    public static Complaint Generate(int seed) => Generate(seed, 1 + new Random(seed ^ 0x5EED).Next(4));
}
