using Cascade.Evaluation.Learning;

namespace Cascade.Evaluation.Tests.Learning;

public sealed class LogisticModelTests
{
    [Fact]
    public void Fit_LearnsWhichWayAFeaturePoints()
    {
        var random = new Random(5);
        var features = new List<double[]>();
        var labels = new List<bool>();
        for (int i = 0; i < 400; i++)
        {
            double x = random.NextDouble();
            features.Add([x, 7.0]);
            labels.Add(random.NextDouble() < x);
        }

        var model = LogisticModel.Fit(features, labels);

        model.Predict([0.9, 7.0]).ShouldBeGreaterThan(0.7);
        model.Predict([0.1, 7.0]).ShouldBeLessThan(0.3);
        model.Weights[1].ShouldBe(0); // a constant feature carries no information
    }

    [Fact]
    public void Fit_IsCalibratedOnAverage()
    {
        var features = Enumerable.Range(0, 100).Select(i => new[] { (double)(i % 2) }).ToArray();
        var labels = Enumerable.Range(0, 100).Select(i => i % 4 == 0).ToArray(); // a quarter positive, all with x = 0

        var model = LogisticModel.Fit(features, labels, l2: 1e-3);

        model.Predict([0.0]).ShouldBe(0.5, 0.01);
        model.Predict([1.0]).ShouldBeLessThan(0.01);
    }

    [Fact]
    public void Fit_BadInput_IsRejected()
    {
        Should.Throw<ArgumentException>(() => LogisticModel.Fit([[1.0]], [true, false]));
        Should.Throw<ArgumentOutOfRangeException>(() => LogisticModel.Fit([[1.0]], [true], l2: 0));
        Should.Throw<ArgumentException>(() => LogisticModel.Fit([[1.0], [0.0]], [true, false]).Predict([1.0, 2.0]));
    }
}
