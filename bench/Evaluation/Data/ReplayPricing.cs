namespace Cascade.Evaluation.Data;

/// <summary>Derives each model's <see cref="ModelPricing"/> from a recording.</summary>
public static class ReplayPricing
{
    /// <summary>
    /// Fits a per-model input and output price (USD per million tokens, six decimals) to the train split by least squares,
    /// and keeps it when it reproduces every recorded cost of both splits exactly; otherwise bills in cost units.
    /// </summary>
    /// <remarks>Checking the test split here checks the data's arithmetic, not a tuned parameter: the price itself comes from train.</remarks>
    public static IReadOnlyList<ModelPricing> Fit(DatasetPair pair)
    {
        var result = new List<ModelPricing>(pair.Models.Count);
        for (int m = 0; m < pair.Models.Count; m++)
        {
            var fitted = FitTokenPrice(pair.Train.Questions.Select(q => q.Answers[m]).ToList());
            if (fitted is not null)
            {
                var pricing = new ModelPricing(pair.Models[m], PricingMode.Tokens, fitted);
                if (pair.Train.Questions.Concat(pair.Test.Questions).All(q => pricing.CostOf(q.Answers[m]) == q.Answers[m].Cost))
                {
                    result.Add(pricing);
                    continue;
                }
            }

            result.Add(CostUnits(pair.Models[m]));
        }

        return result;
    }

    /// <summary>Gets the cost-unit pricing of a model.</summary>
    public static ModelPricing CostUnits(string model) => new(model, PricingMode.CostUnits, new PriceTable(ModelPricing.CostUnitPricePerMillion, 0, 0, 0));

    private static PriceTable? FitTokenPrice(IReadOnlyList<RecordedAnswer> answers)
    {
        if (answers.Count == 0 || answers.Any(a => a.Tokens is null))
        {
            return null;
        }

        double sxx = 0, sxy = 0, syy = 0, sxc = 0, syc = 0;
        foreach (var a in answers)
        {
            double x = a.Tokens!.Value.InputTokens, y = a.Tokens.Value.OutputTokens, c = (double)a.Cost * 1e6;
            sxx += x * x;
            sxy += x * y;
            syy += y * y;
            sxc += x * c;
            syc += y * c;
        }

        double det = (sxx * syy) - (sxy * sxy);
        if (Math.Abs(det) < 1e-9 * sxx * syy)
        {
            // Input and output counts are collinear: one price for every token.
            double total = answers.Sum(a => (double)(a.Tokens!.Value.InputTokens + a.Tokens.Value.OutputTokens));
            double price = total == 0 ? 0 : answers.Sum(a => (double)a.Cost) * 1e6 / total;
            return Table(price, price);
        }

        return Table(((sxc * syy) - (syc * sxy)) / det, ((sxx * syc) - (sxy * sxc)) / det);
    }

    private static PriceTable? Table(double input, double output) =>
        double.IsFinite(input) && double.IsFinite(output) && input >= 0 && output >= 0 && input < 1e6 && output < 1e6
            ? new PriceTable(Math.Round((decimal)input, 6), Math.Round((decimal)output, 6), 0, 0)
            : null;
}
