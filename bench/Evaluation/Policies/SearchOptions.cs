namespace Cascade.Evaluation.Policies;

/// <summary>How the policy search explores and calibrates.</summary>
public sealed class SearchOptions
{
    /// <summary>Gets or sets the most rungs a cascade may have.</summary>
    /// <value>The default value is 5; ladders longer than 6 models are searched with at most 3 rungs.</value>
    public int MaxRungs
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A cascade has at least one rung.");
    } = 5;

    /// <summary>Gets or sets how many candidate thresholds (train quantiles) each rung tries.</summary>
    /// <value>The default value is 16.</value>
    public int GridSize
    {
        get;
        set => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least two thresholds per rung.");
    } = 16;

    /// <summary>Gets or sets the number of cross-validation folds whose out-of-fold scores calibrate the learned gate's thresholds.</summary>
    /// <value>The default value is 5.</value>
    public int Folds
    {
        get;
        set => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Cross-validation needs at least two folds.");
    } = 5;

    /// <summary>Gets or sets the smaller ridge penalty the learned scorer tries (it also tries ten times this).</summary>
    /// <value>The default value is 1.</value>
    public double L2
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The penalty must be positive.");
    } = 1.0;

    /// <summary>Gets or sets how many accuracy points below the best single model's train accuracy the chosen operating point's conservative score may sit, when <see cref="CrossValidate"/> is off.</summary>
    /// <value>The default value is 0: the cheapest front policy whose conservative train score (see <see cref="FrontStandardErrors"/>) reaches the best single model's right answers. A negative margin aims that many points above it.</value>
    public double TrainAccuracyMarginPoints
    {
        get;
        set => field = value is >= -100 and <= 100 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A margin is -100 to 100 points.");
    }

    /// <summary>Gets or sets the extra train quantiles every rung's threshold grid includes beyond the regular 1/G steps.</summary>
    /// <value>The default value is 0.98, 0.99 and 0.995: thresholds that keep only the most confident answers, so each front reaches up to the reference's accuracy.</value>
    public IReadOnlyList<double> ExtremeQuantiles
    {
        get;
        set => field = value is not null && value.All(q => q is > 0 and < 1) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Quantiles are strictly between 0 and 1.");
    } = [0.98, 0.99, 0.995];

    /// <summary>Gets or sets whether the operating point's margin is chosen by cross-validating the choice rule on train.</summary>
    /// <value>The default value is <see langword="true"/>. When <see langword="false"/>, the operating point sits at <see cref="TrainAccuracyMarginPoints"/>.</value>
    public bool CrossValidate { get; set; } = true;

    /// <summary>Gets or sets how many points below the reference the cross-validated (held-out) accuracy of the chosen selection may sit.</summary>
    /// <value>The default value is 1, the headline's tolerance.</value>
    public double CrossValidatedTolerancePoints
    {
        get;
        set => field = value is >= 0 and <= 100 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A tolerance is 0 to 100 points.");
    } = 1;

    /// <summary>Gets or sets how many standard errors of the paired difference with the reference the front subtracts from a policy's train right answers.</summary>
    /// <value>Used without <see cref="CrossValidate"/> (which chooses it among <see cref="FrontStandardErrorsCandidates"/>). The default value is 1: the front ranks policies by a one-standard-error lower bound of their accuracy relative to the reference, so a policy that matches the reference on train only by disagreeing with it on many questions ranks below one that agrees with it. 0 ranks by plain train accuracy.</value>
    public double FrontStandardErrors
    {
        get;
        set => field = value is >= 0 and <= 10 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Standard errors are 0 to 10.");
    } = 1;

    /// <summary>Gets or sets the <see cref="FrontStandardErrors"/> values the cross-validation chooses among (with <see cref="CrossValidate"/>).</summary>
    /// <value>The default value is 0, 1 and 2.</value>
    public IReadOnlyList<double> FrontStandardErrorsCandidates
    {
        get;
        set => field = value is { Count: > 0 } && value.All(z => z is >= 0 and <= 10) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one value, each 0 to 10.");
    } = [0, 1, 2];

    /// <summary>Gets or sets the confidence of the accuracy guarantee (see <see cref="RiskGuarantee"/>).</summary>
    /// <value>The default value is 0.9: with 90 % confidence the guaranteed operating point loses at most <see cref="GuaranteeTolerancePoints"/> against the reference.</value>
    public double GuaranteeConfidence
    {
        get;
        set => field = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A confidence is strictly between 0 and 1.");
    } = 0.9;

    /// <summary>Gets or sets the most accuracy points the guaranteed operating point may lose against the reference.</summary>
    /// <value>The default value is 1.</value>
    public double GuaranteeTolerancePoints
    {
        get;
        set => field = value is >= 0 and <= 100 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A tolerance is 0 to 100 points.");
    } = 1;

    /// <summary>Gets or sets the number of questions the guarantee is stated for: the loss measured on a fresh sample of that many questions. 0 states it for the population loss.</summary>
    /// <value>The default value is <see langword="null"/>: the evaluation uses the number of questions in the dataset's test file (its size only, never its contents).</value>
    public int? GuaranteeSampleSize
    {
        get;
        set => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A sample size is zero or more.");
    }

    /// <summary>Returns a copy of these options.</summary>
    public SearchOptions Clone() => (SearchOptions)MemberwiseClone();

    /// <summary>Gets or sets the seed of the cross-validation fold assignment.</summary>
    /// <value>The default value is 17.</value>
    public int Seed { get; set; } = 17;

    /// <summary>Gets or sets the gate families to search; every family the data supports when <see langword="null"/>.</summary>
    public IReadOnlyList<GateFamily>? Families { get; set; }
}
