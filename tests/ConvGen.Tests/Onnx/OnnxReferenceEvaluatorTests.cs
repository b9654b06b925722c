using System;
using System.Collections.Generic;
using System.Linq;
using ConvGen.Onnx;
using Xunit;

namespace ConvGen.Tests.Onnx;

/// <summary>
/// The double-precision reference evaluator against the ONNX conformance data's expected outputs (computed by the
/// ONNX project's numpy reference, float32 mostly): every data set of a model whose operators ConvGen supports, within
/// ONNX's own test tolerance (|a − e| ≤ 1e-7 + 1e-3·|e|).
/// </summary>
public sealed class OnnxReferenceEvaluatorTests
{
    [Fact]
    public void EveryConformanceDataSet_OfASupportedModel_GivesTheExpectedOutputs()
    {
        var (models, sets) = (OnnxTestData.Models, OnnxTestData.DataSets);
        var (passed, skipped, failures) = (0, 0, new List<string>());
        foreach (var (name, files) in sets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            try
            {
                var graph = OnnxReader.Read(models[name]);
                // Forms the import refuses (indices, masks, training mode) and values that are not numeric tensors
                // (strings, float16/bfloat16, sequences, optionals) are not the reference's business.
                if (OnnxSupport.Check(graph).Any(p => p.OpType.Length > 0) ||
                    graph.Inputs.Concat(graph.Outputs).Any(v => !Numeric(v.ElementType)) ||
                    graph.Nodes.Any(n => n.OpType == "Cast" && !Numeric((OnnxDataType)(n.Attributes.FirstOrDefault(a => a.Name == "to")?.Int ?? 1))))
                {
                    skipped++;
                    continue;
                }

                var weights = graph.Initializers.Select(t => t.Name).ToHashSet();
                var free = graph.Inputs.Where(i => !weights.Contains(i.Name)).Select(i => i.Name).ToArray();
                var inputs = new Dictionary<string, OnnxValue>();
                var given = files.Where(f => f.Key.StartsWith("input_", StringComparison.Ordinal)).OrderBy(f => Index(f.Key)).ToArray();
                for (var k = 0; k < given.Length; k++)
                {
                    var tensor = OnnxReader.ReadTensor(given[k].Value);
                    var target = free.Contains(tensor.Name) ? tensor.Name : free[k];
                    inputs[target] = OnnxReferenceEvaluator.Full(tensor);
                }

                var values = OnnxReferenceEvaluator.Run(graph, inputs);
                foreach (var (file, bytes) in files.Where(f => f.Key.StartsWith("output_", StringComparison.Ordinal)))
                {
                    var expected = OnnxReferenceEvaluator.Full(OnnxReader.ReadTensor(bytes));
                    var output = graph.Outputs[Index(file)].Name;
                    var actual = values[output];
                    if (!actual.Shape.SequenceEqual(expected.Shape))
                        throw new InvalidOperationException($"output '{output}' is [{string.Join(", ", actual.Shape)}], expected [{string.Join(", ", expected.Shape)}]");
                    for (var i = 0; i < expected.Data!.Length; i++)
                    {
                        var (a, e) = (actual.Data![i], expected.Data[i]);
                        if (!(Math.Abs(a - e) <= 1e-7 + 1e-3 * Math.Abs(e)) && !(double.IsNaN(a) && double.IsNaN(e)) && a != e)
                            throw new InvalidOperationException($"output '{output}'[{i}] is {a:R}, expected {e:R}");
                    }
                }

                passed++;
            }
            catch (NotSupportedException)
            {
                skipped++; // Dropout with training_mode = true: random by definition
            }
            catch (Exception ex)
            {
                failures.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sets.Count} data sets differ ({passed} agree, {skipped} skipped):\n" + string.Join("\n", failures.Take(40)));
        Assert.True(passed >= 280, $"only {passed} data sets compared ({skipped} skipped)");
    }

    private static bool Numeric(OnnxDataType type) => type is OnnxDataType.Float or OnnxDataType.Double or OnnxDataType.Int8 or OnnxDataType.UInt8 or
        OnnxDataType.Int16 or OnnxDataType.UInt16 or OnnxDataType.Int32 or OnnxDataType.Int64 or OnnxDataType.UInt32 or OnnxDataType.UInt64 or OnnxDataType.Bool;

    private static int Index(string file) => int.Parse(file.Substring(file.IndexOf('_') + 1, file.Length - file.IndexOf('_') - 4));
}
