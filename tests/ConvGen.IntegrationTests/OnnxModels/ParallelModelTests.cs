using System;
using System.Linq;
using Xunit;

namespace ConvGen.IntegrationTests.OnnxModels;

/// <summary>
/// An [OnnxModel]'s <c>Forward(input, output, maxDegreeOfParallelism)</c>: bit for bit the single-threaded Forward for
/// every batch size and degree, its argument errors, and no allocation once warm.
/// </summary>
public sealed class ParallelModelTests
{
    public delegate void ParallelForward(ReadOnlyMemory<float> input, Memory<float> output, int maxDegreeOfParallelism);

    public static TheoryData<string> Names => [.. OnnxModelTests.All.Select(m => m.Name)];

    private static ParallelForward Of(string name) => name switch
    {
        "digits" => DigitsModel.Forward,
        "resnet_block" => ResNetBlock.Forward,
        "resnet_block_bn" => ResNetBlockBn.Forward,
        "mobilenet_v2" => MobileNetV2.Forward,
        "mobilenet_v2_bn" => MobileNetV2Bn.Forward,
        "effnet_block" => EffNetBlock.Forward,
        "effnet_block_bn" => EffNetBlockBn.Forward,
        "kws1d" => Kws1D.Forward,
        "kws1d_bn" => Kws1DBn.Forward,
        "unet_small" => UNetSmall.Forward,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Parallel_matches_Forward_bit_for_bit(string name)
    {
        var model = OnnxModelTests.All.Single(m => m.Name == name);
        var parallel = Of(name);
        foreach (var batch in new[] { 1, 2, 7, 16 })
        {
            var x = Enumerable.Range(0, batch * model.InputLength).Select(i => MathF.Sin(i * 0.618f) * 2f).ToArray();
            var expected = new float[batch * model.OutputLength];
            model.Forward(x, expected);
            foreach (var degree in new[] { 1, 2, 3, -1 })
            {
                var y = Enumerable.Repeat(float.NaN, expected.Length).ToArray();
                parallel(x, y, degree);
                Assert.True(expected.AsSpan().SequenceEqual(y), $"{name}: batch {batch}, degree {degree}");
            }
        }
    }

    [Fact]
    public void Argument_errors_name_the_parameter_and_write_nothing()
    {
        var y = Enumerable.Repeat(42f, 4 * DigitsModel.OutputLength).ToArray();
        var x = new float[4 * DigitsModel.InputLength];
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => DigitsModel.Forward(x, y.AsMemory(), 0)).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => DigitsModel.Forward(x, y.AsMemory(), -5)).ParamName);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => DigitsModel.Forward(x.AsMemory(1), y.AsMemory(), 2)).ParamName);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => DigitsModel.Forward(x, y.AsMemory(1), 2)).ParamName);
        var shared = new float[x.Length + y.Length];
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => DigitsModel.Forward(shared.AsMemory(0, x.Length), shared.AsMemory(x.Length - 1, y.Length), 2)).ParamName);
        Assert.All(y, v => Assert.Equal(42f, v));
    }

    [Fact]
    public void Parallel_allocates_nothing_once_warm()
    {
        var x = new float[16 * MobileNetV2.InputLength];
        var y = new float[16 * MobileNetV2.OutputLength];
        var least = long.MaxValue;
        for (var attempt = 0; attempt < 3 && least != 0; attempt++)
        {
            MobileNetV2.Forward(x, y.AsMemory(), 2);
            MobileNetV2.Forward(x, y.AsMemory(), 2);
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++) MobileNetV2.Forward(x, y.AsMemory(), 2);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }
}
