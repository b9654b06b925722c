using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>Generated members are thread-safe: many threads on shared weights give bit-identical results.</summary>
public sealed class ConcurrencyTests
{
    public static TheoryData<string> Layers => ["LargePadded", "DoubleWide", "LargeTconvDecoder", "Seed1", "LargeConst"];

    [Theory]
    [MemberData(nameof(Layers))]
    public void AllMembers_FromManyThreads_MatchSingleThreaded(string name)
    {
        var layer = Conv2DLayers.All.FirstOrDefault(c => c.Name == name) ?? Conv2DLayers.All.First(c => c.Name.EndsWith(name, StringComparison.Ordinal));
        var data = TestData.For(layer);
        var def = layer.Def;
        const int batch = 3;
        var x = TestData.Random(layer, batch * def.InputLength, salt: 21);
        var gy = TestData.Random(layer, batch * def.OutputLength, salt: 22);

        (double[] Y, double[] X, double[]? G, double[]? B) Run()
        {
            var y = new double[batch * def.OutputLength];
            var xt = new double[batch * def.InputLength];
            layer.Forward(x, data.Weights, data.Bias, y);
            layer.Transpose(gy, data.Weights, xt);
            double[]? g = null, b = null;
            if (layer.HasWeightsGradient) layer.WeightsGradient(x, gy, g = new double[def.WeightsLength]);
            if (layer.HasBiasGradient) layer.BiasGradient(gy, b = new double[def.BiasLength]);
            return (y, xt, g, b);
        }

        var single = Run();
        var results = new (double[] Y, double[] X, double[]? G, double[]? B)[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = Run());
        foreach (var r in results)
        {
            Assert.Equal(single.Y, r.Y);
            Assert.Equal(single.X, r.X);
            Assert.Equal(single.G, r.G);
            Assert.Equal(single.B, r.B);
        }
    }
}
