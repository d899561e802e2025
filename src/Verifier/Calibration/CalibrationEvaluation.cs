using System.Globalization;
using System.Text;
using Cascade.Verifier.Verification;

namespace Cascade.Verifier.Calibration;

/// <summary>What accepting by the calibrated checks achieves on labelled answers of one model on one dataset.</summary>
/// <param name="Dataset">The dataset's name.</param>
/// <param name="Tier">The tier's position on the ladder, from 1 (cheapest).</param>
/// <param name="Model">The model.</param>
/// <param name="Answers">Answers judged.</param>
/// <param name="Correct">Correct answers.</param>
/// <param name="Accepted">Answers the verifier accepted.</param>
/// <param name="AcceptedCorrect">Accepted answers that were correct.</param>
/// <param name="AgreementAccepted">Answers accepted by agreement with the neighbouring tier's recorded answer (the consistency check).</param>
/// <param name="AgreementAcceptedCorrect">Those that were correct.</param>
public sealed record EvaluationRow(string Dataset, int Tier, string Model, int Answers, int Correct, int Accepted, int AcceptedCorrect, int AgreementAccepted, int AgreementAcceptedCorrect)
{
    /// <summary>Gets the share of answers that were correct (the precision of accepting everything).</summary>
    public double Accuracy => Answers == 0 ? 0 : (double)Correct / Answers;

    /// <summary>Gets the share of accepted answers that were correct.</summary>
    public double Precision => Accepted == 0 ? double.NaN : (double)AcceptedCorrect / Accepted;

    /// <summary>Gets the share of correct answers that were accepted.</summary>
    public double Recall => Correct == 0 ? double.NaN : (double)AcceptedCorrect / Correct;

    /// <summary>Gets the share of answers accepted.</summary>
    public double AcceptRate => Answers == 0 ? 0 : (double)Accepted / Answers;

    /// <summary>Gets the precision of accepting by agreement.</summary>
    public double AgreementPrecision => AgreementAccepted == 0 ? double.NaN : (double)AgreementAcceptedCorrect / AgreementAccepted;

    /// <summary>Gets the recall of accepting by agreement.</summary>
    public double AgreementRecall => Correct == 0 ? double.NaN : (double)AgreementAcceptedCorrect / Correct;
}

/// <summary>Measures a calibration on held-out labelled answers (the <c>*_test</c> files) with the verifier's own engine.</summary>
public static class CalibrationEvaluation
{
    /// <summary>Judges every answer of every dataset with the text and logprob checks under the calibration.</summary>
    public static async Task<IReadOnlyList<EvaluationRow>> EvaluateAsync(IReadOnlyList<LabelledDataset> datasets, string calibrationFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(datasets);
        VerificationEngine engine = OfflineVerifier.Create(calibrationFile);
        var rows = new List<EvaluationRow>();
        foreach (LabelledDataset dataset in datasets)
        {
            if (dataset.Questions.Count == 0)
            {
                continue;
            }

            IReadOnlyList<string> models = dataset.Questions[0].Answers.Select(a => a.Model).ToArray();
            for (int tier = 0; tier < models.Count; tier++)
            {
                int answers = 0, correct = 0, accepted = 0, acceptedCorrect = 0, agreed = 0, agreedCorrect = 0;
                foreach (LabelledQuestion question in dataset.Questions)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (question.Answers.Count != models.Count)
                    {
                        continue;
                    }

                    LabelledAnswer answer = question.Answers[tier];
                    answers++;
                    correct += answer.Correct ? 1 : 0;
                    VerificationResult result = await engine.VerifyAsync(OfflineVerifier.RequestFor(question, answer, OfflineVerifier.TextAndLogprobChecks), cancellationToken);
                    if (result.Verdict == GateDecision.Accept)
                    {
                        accepted++;
                        acceptedCorrect += answer.Correct ? 1 : 0;
                    }

                    // The consistency check's comparison against the neighbouring tier's recorded answer (the next one up; the top tier uses the one below).
                    LabelledAnswer other = question.Answers[tier + 1 < models.Count ? tier + 1 : tier - 1];
                    if (ConsistencyGate.Compare(answer.Text, other.Text, question.Choices).Agree)
                    {
                        agreed++;
                        agreedCorrect += answer.Correct ? 1 : 0;
                    }
                }

                rows.Add(new EvaluationRow(dataset.Name, tier + 1, models[tier], answers, correct, accepted, acceptedCorrect, agreed, agreedCorrect));
            }
        }

        return rows;
    }

    /// <summary>Formats the rows as a Markdown table.</summary>
    public static string ToMarkdown(IReadOnlyList<EvaluationRow> rows, double maxFalseAcceptRate, double confidence = 0)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        string how = confidence == 0 ? "observed precision" : $"{confidence:0.##} one-sided Wilson lower bound of precision";
        text.AppendLine(CultureInfo.InvariantCulture, $"Target: at most {maxFalseAcceptRate:P0} of accepted answers wrong (precision ≥ {1 - maxFalseAcceptRate:0.00}, {how} on `*_train`), measured on `*_test`.");
        text.AppendLine();
        text.AppendLine("| dataset | tier | model | answers | accuracy | accepted | precision | recall | meets target | agreement precision | agreement recall |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (EvaluationRow row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Dataset} | {row.Tier} | {row.Model} | {row.Answers} | {row.Accuracy:0.000} | {row.AcceptRate:P1} | {Format(row.Precision)} | {Format(row.Recall)} | {Meets(row.Precision)} | {Format(row.AgreementPrecision)} | {Format(row.AgreementRecall)} |");
        }

        return text.ToString();

        static string Format(double value) => double.IsNaN(value) ? "–" : value.ToString("0.000", CultureInfo.InvariantCulture);
        string Meets(double precision) => double.IsNaN(precision) ? "–" : precision >= 1 - maxFalseAcceptRate - 1e-12 ? "yes" : "no";
    }
}
