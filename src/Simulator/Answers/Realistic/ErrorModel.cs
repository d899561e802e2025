using Cascade.Simulator.Configuration;

namespace Cascade.Simulator.Answers.Realistic;

/// <summary>Draws a model's error outcome and answer log-probability from its measured <see cref="ErrorProfileOptions"/>.</summary>
internal static class ErrorModel
{
    private const int OutcomeSalt = 101;
    private const int LogprobSalt = 102;

    /// <summary>The share of an answer's tokens a cut-off answer keeps.</summary>
    public const double CutOffFraction = 0.5;

    /// <summary>Draws the outcome of one answer: refusal, cut-off, hedged and wrong take their shares in that order, the rest is right.</summary>
    public static ErrorOutcome Draw(ErrorProfileOptions profile, StableHash hash)
    {
        double u = hash.Unit(OutcomeSalt);
        double edge = profile.RefusalShare;
        if (u < edge)
        {
            return ErrorOutcome.Refusal;
        }

        if (u < (edge += profile.CutOffShare))
        {
            return ErrorOutcome.CutOff;
        }

        if (u < (edge += profile.HedgedShare))
        {
            return ErrorOutcome.Hedged;
        }

        return u < edge + profile.WrongShare ? ErrorOutcome.Wrong : ErrorOutcome.Right;
    }

    /// <summary>Draws the log-probability of a right or wrong answer from the profile's quantiles.</summary>
    public static double Logprob(ErrorProfileOptions profile, bool right, StableHash hash)
    {
        List<double> quantiles = right ? profile.LogprobRight : profile.LogprobWrong;
        if (quantiles.Count < 2)
        {
            return right ? -0.05 : -1.5;
        }

        double position = hash.Unit(LogprobSalt) * (quantiles.Count - 1);
        int low = (int)position;
        double high = low + 1 < quantiles.Count ? quantiles[low + 1] : quantiles[low];
        return quantiles[low] + ((high - quantiles[low]) * (position - low));
    }
}
