using MathNet.Numerics.LinearAlgebra;

namespace Cascade.Evaluation.Learning;

/// <summary>
/// An L2-regularised logistic regression on standardised features, fitted by Newton's method (iteratively
/// reweighted least squares, each step solved with Math.NET's Cholesky factorisation). Its output is a calibrated
/// probability that an answer is right.
/// </summary>
/// <remarks>
/// A cascade needs thousands of these tiny fits (one per ladder prefix and cross-validation fold, about ten
/// features each), deterministic and without native dependencies; a general ML framework's pipeline set-up would
/// cost more than the fits themselves.
/// </remarks>
public sealed class LogisticModel
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _weights;

    private LogisticModel(double[] mean, double[] scale, double[] weights, double bias)
    {
        _mean = mean;
        _scale = scale;
        _weights = weights;
        Bias = bias;
    }

    /// <summary>Gets the intercept (log-odds at the mean feature vector).</summary>
    public double Bias { get; }

    /// <summary>Gets the weights of the standardised features; zero for a feature constant in training.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Fits a model.</summary>
    /// <param name="features">One feature vector per example, all the same length.</param>
    /// <param name="labels">Whether each example is positive.</param>
    /// <param name="l2">The ridge penalty on the standardised weights (not on the intercept).</param>
    public static LogisticModel Fit(IReadOnlyList<double[]> features, IReadOnlyList<bool> labels, double l2 = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l2);
        if (features.Count == 0 || features.Count != labels.Count)
        {
            throw new ArgumentException($"Need one label per example and at least one example ({features.Count} examples, {labels.Count} labels).", nameof(labels));
        }

        int n = features.Count, d = features[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            double mu = 0;
            for (int i = 0; i < n; i++)
            {
                mu += features[i][j];
            }

            mu /= n;
            double variance = 0;
            for (int i = 0; i < n; i++)
            {
                variance += (features[i][j] - mu) * (features[i][j] - mu);
            }

            double sd = Math.Sqrt(variance / n);
            mean[j] = mu;
            scale[j] = sd > 1e-9 ? 1 / sd : 0;
        }

        // Standardised design rows with a leading intercept column.
        var rows = new double[n][];
        for (int i = 0; i < n; i++)
        {
            rows[i] = new double[d + 1];
            rows[i][0] = 1;
            for (int j = 0; j < d; j++)
            {
                rows[i][j + 1] = (features[i][j] - mean[j]) * scale[j];
            }
        }

        int positives = labels.Count(l => l);
        var w = Vector<double>.Build.Dense(d + 1);
        w[0] = Math.Log((positives + 0.5) / (n - positives + 0.5));
        for (int iteration = 0; iteration < 50; iteration++)
        {
            var gradient = Vector<double>.Build.Dense(d + 1);
            var hessian = Matrix<double>.Build.Dense(d + 1, d + 1);
            for (int j = 1; j <= d; j++)
            {
                gradient[j] = l2 * w[j];
                hessian[j, j] = l2;
            }

            hessian[0, 0] = 1e-8;
            for (int i = 0; i < n; i++)
            {
                var row = rows[i];
                double z = 0;
                for (int j = 0; j <= d; j++)
                {
                    z += row[j] * w[j];
                }

                double p = Sigmoid(z);
                double residual = p - (labels[i] ? 1 : 0);
                double weight = Math.Max(p * (1 - p), 1e-10);
                for (int j = 0; j <= d; j++)
                {
                    gradient[j] += residual * row[j];
                    for (int k = 0; k <= j; k++)
                    {
                        hessian[j, k] += weight * row[j] * row[k];
                    }
                }
            }

            for (int j = 0; j <= d; j++)
            {
                for (int k = 0; k < j; k++)
                {
                    hessian[k, j] = hessian[j, k];
                }
            }

            var step = hessian.Cholesky().Solve(gradient);
            w -= step;
            if (step.AbsoluteMaximum() < 1e-9)
            {
                break;
            }
        }

        return new LogisticModel(mean, scale, w.SubVector(1, d).ToArray(), w[0]);
    }

    /// <summary>Gets the probability that an example with these features is positive.</summary>
    public double Predict(ReadOnlySpan<double> features)
    {
        if (features.Length != _weights.Length)
        {
            throw new ArgumentException($"Expected {_weights.Length} features, got {features.Length}.", nameof(features));
        }

        double z = Bias;
        for (int j = 0; j < features.Length; j++)
        {
            z += _weights[j] * (features[j] - _mean[j]) * _scale[j];
        }

        return Sigmoid(z);
    }

    /// <summary>Gets the model on raw (unstandardised) features: the same predictions from one weight per feature and an intercept.</summary>
    public (double[] Weights, double Bias) ToRaw()
    {
        double[] weights = new double[_weights.Length];
        double bias = Bias;
        for (int j = 0; j < weights.Length; j++)
        {
            weights[j] = _weights[j] * _scale[j];
            bias -= weights[j] * _mean[j];
        }

        return (weights, bias);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
