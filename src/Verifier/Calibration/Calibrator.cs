using Cascade.Verifier.Verification;

namespace Cascade.Verifier.Calibration;

/// <summary>
/// Learns per-workload, per-model thresholds from labelled answers so that at most a target share of accepted answers is
/// wrong. The verifier's own text checks run first; where logprobs exist, a log-probability threshold is fitted on the
/// answers they let through; where the text checks alone keep too many wrong answers, the abstention rule becomes reject
/// (an answer is then kept only on a positive signal: logprobs, a judge, agreement).
/// </summary>
public static class Calibrator
{
    /// <summary>Calibrates on labelled datasets (the <c>*_train</c> files).</summary>
    /// <param name="datasets">The labelled data.</param>
    /// <param name="maxFalseAcceptRate">The largest share of accepted answers allowed to be wrong.</param>
    /// <param name="source">Where the data came from, recorded in the file.</param>
    /// <param name="timeProvider">The clock of the calibration's date.</param>
    /// <param name="confidence">0 to meet the target on the data as observed; above 0 to meet it with that confidence (Wilson lower bound).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public static async Task<GateCalibration> CalibrateAsync(
        IReadOnlyList<LabelledDataset> datasets, double maxFalseAcceptRate, string? source, TimeProvider timeProvider, double confidence = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        if (maxFalseAcceptRate is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxFalseAcceptRate), maxFalseAcceptRate, "The maximum false-accept rate must be above 0 and below 1.");
        }

        VerificationEngine engine = OfflineVerifier.Create(calibrationFile: null);
        var samplesByWorkload = new Dictionary<string, Dictionary<string, List<Sample>>>(StringComparer.OrdinalIgnoreCase);
        foreach (LabelledDataset dataset in datasets)
        {
            foreach (LabelledQuestion question in dataset.Questions)
            {
                foreach (LabelledAnswer answer in question.Answers)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    VerificationResult text = await engine.VerifyAsync(OfflineVerifier.RequestFor(question, answer, OfflineVerifier.TextChecks), cancellationToken);
                    Dictionary<string, List<Sample>> byModel = samplesByWorkload.TryGetValue(question.Workload, out var found) ? found : samplesByWorkload[question.Workload] = new(StringComparer.Ordinal);
                    (byModel.TryGetValue(answer.Model, out var list) ? list : byModel[answer.Model] = []).Add(new Sample(answer.LogprobConfidence, answer.Correct, text.Verdict != GateDecision.Reject));
                }
            }
        }

        var calibration = new GateCalibration
        {
            CreatedAt = timeProvider.GetUtcNow(),
            MaxFalseAcceptRate = maxFalseAcceptRate,
            Confidence = confidence,
            Source = source,
        };
        foreach ((string workload, Dictionary<string, List<Sample>> byModel) in samplesByWorkload.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            var models = new Dictionary<string, ModelCalibration>(StringComparer.Ordinal);
            foreach ((string model, List<Sample> samples) in byModel.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                models[model] = Calibrate(samples, maxFalseAcceptRate, confidence);
            }

            ModelCalibration pooled = Calibrate(byModel.Values.SelectMany(s => s).ToList(), maxFalseAcceptRate, confidence);
            calibration.Workloads[workload] = new WorkloadCalibration { LogprobThreshold = pooled.LogprobThreshold, Abstention = pooled.Abstention, Models = models };
        }

        return calibration;
    }

    private static ModelCalibration Calibrate(List<Sample> samples, double maxFalseAcceptRate, double confidence)
    {
        double z = confidence == 0 ? 0 : MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, confidence);
        int correct = samples.Count(s => s.Correct);
        List<Sample> passed = samples.Where(s => s.TextPass).ToList();
        double textPrecision = passed.Count == 0 ? 1 : (double)passed.Count(s => s.Correct) / passed.Count;
        AbstentionRule abstention = passed.Count > 0 && ThresholdFit.PrecisionBound(passed.Count(s => s.Correct), passed.Count, z) >= 1 - maxFalseAcceptRate
            ? AbstentionRule.Accept
            : AbstentionRule.Reject;
        double accuracy = samples.Count == 0 ? 0 : (double)correct / samples.Count;
        if (samples.Count > 0 && samples.Count(s => s.Logprob is not null) * 2 >= samples.Count)
        {
            // Answers without a logprob are never accepted by the logprob check: they count as answers, not as candidates.
            ThresholdFit fit = ThresholdFit.Fit(passed.Where(s => s.Logprob is not null).Select(s => (s.Logprob!.Value, s.Correct)), maxFalseAcceptRate, correct, samples.Count, confidence);
            return new ModelCalibration
            {
                LogprobThreshold = fit.Threshold,
                Abstention = abstention,
                Samples = samples.Count,
                Accuracy = accuracy,
                Precision = fit.Precision,
                Recall = fit.Recall,
                AcceptRate = fit.AcceptRate,
                TextChecksPrecision = textPrecision,
            };
        }

        int acceptedCorrect = abstention == AbstentionRule.Accept ? passed.Count(s => s.Correct) : 0;
        int accepted = abstention == AbstentionRule.Accept ? passed.Count : 0;
        return new ModelCalibration
        {
            Abstention = abstention,
            Samples = samples.Count,
            Accuracy = accuracy,
            Precision = accepted == 0 ? 1 : (double)acceptedCorrect / accepted,
            Recall = correct == 0 ? 0 : (double)acceptedCorrect / correct,
            AcceptRate = samples.Count == 0 ? 0 : (double)accepted / samples.Count,
            TextChecksPrecision = textPrecision,
        };
    }

    private readonly record struct Sample(double? Logprob, bool Correct, bool TextPass);
}
