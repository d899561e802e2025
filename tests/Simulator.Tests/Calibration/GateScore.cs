namespace Cascade.Simulator.Tests.Calibration;

/// <summary>How well a gate set's rejections find bad answers: positives are bad answers, rejections are predictions.</summary>
public sealed class GateScore
{
    public int Answers { get; private set; }

    public int Bad { get; private set; }

    public int Rejected { get; private set; }

    public int RejectedBad { get; private set; }

    /// <summary>Gets the share of rejected answers that were bad (NaN without rejections).</summary>
    public double Precision => Rejected == 0 ? double.NaN : (double)RejectedBad / Rejected;

    /// <summary>Gets the share of bad answers that were rejected (NaN without bad answers).</summary>
    public double Recall => Bad == 0 ? double.NaN : (double)RejectedBad / Bad;

    public void Add(bool bad, bool rejected)
    {
        Answers++;
        Bad += bad ? 1 : 0;
        Rejected += rejected ? 1 : 0;
        RejectedBad += bad && rejected ? 1 : 0;
    }

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"answers {Answers}, bad {Bad}, rejected {Rejected}, precision {Precision:P1}, recall {Recall:P1}");
}
