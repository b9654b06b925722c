using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using Xunit;

namespace ConvGen.IntegrationTests;

/// <summary>
/// No generated method may approach the JIT's limit: above 20,000 IL instructions RyuJIT compiles a method
/// without optimization (MinOpts). The generator budgets 12,000 per method; this holds every generated method
/// of this assembly (every layer of the test suite) to 16,000, counted by decoding the IL.
/// </summary>
public class ILBudgetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Limit = 16_000;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    [Fact]
    public void EveryGeneratedMethod_StaysWithinTheILBudget()
    {
        var methods = GeneratedMethods().ToList();
        Assert.True(methods.Count > 500, $"expected the generated kernels of every test layer, found {methods.Count} methods");
        var counts = methods.Select(m => (Method: m, Count: CountInstructions(m))).OrderByDescending(x => x.Count).ToList();
        var over = counts.Where(x => x.Count > Limit).Select(x => $"{x.Method.DeclaringType}.{x.Method.Name}: {x.Count}").ToList();
        Assert.True(over.Count == 0, "methods over the IL budget:\n" + string.Join("\n", over));
        Assert.True(counts[0].Count > 1000, "the largest generated method should be a real kernel");
        foreach (var (m, c) in counts.Take(5))
            output.WriteLine($"{c,6} IL instructions: {m.DeclaringType}.{m.Name}");
    }

    [Fact]
    public void TheDecoderCountsInstructionsNotBytes()
    {
        var method = typeof(ILBudgetTests).GetMethod(nameof(Sample), BindingFlags.NonPublic | BindingFlags.Static)!;
        var count = CountInstructions(method);
        Assert.InRange(count, 3, 12); // ldarg.0, ldarg.1, add, ret (plus nops in Debug)
    }

    private static int Sample(int a, int b) => a + b;

    /// <summary>Methods of every type that has generated layer members (and their nested kernel classes).</summary>
    private static IEnumerable<MethodInfo> GeneratedMethods()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (var type in typeof(ILBudgetTests).Assembly.GetTypes())
        {
            var isLayer = type.GetField("InputLength", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } &&
                          type.GetNestedType("ConvGenKernels", BindingFlags.NonPublic) is not null;
            var isKernels = type.Name == "ConvGenKernels";
            if (!isLayer && !isKernels) continue;
            foreach (var m in type.GetMethods(all))
                if (m.GetMethodBody() is not null)
                    yield return m;
        }
    }

    private static int CountInstructions(MethodInfo method)
    {
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var count = 0;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE) value = unchecked((short)(0xFE00 | il[i++]));
            var op = OpCodesByValue[value];
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, i),
                _ => 4,
            };
            count++;
        }

        return count;
    }
}
