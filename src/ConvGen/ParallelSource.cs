namespace ConvGen;

/// <summary>
/// The fork-join helper behind the generated <c>Forward(…, maxDegreeOfParallelism)</c> overloads: emitted once per
/// compilation, internal and [Embedded]. Work items go to the .NET thread pool (no threads of its own, nothing
/// allocated per call once each calling thread has its job object); the caller works too and returns when every
/// unit is done.
/// </summary>
internal static class ParallelSource
{
    public const string Hint = "ConvGen.ConvGenParallel.g.cs";

    public static readonly string Text = AttributeSource.Header + """
namespace ConvGen
{
    /// <summary>
    /// Runs the units of one call on the calling thread and up to <c>degree − 1</c> thread-pool threads. A unit is
    /// always computed by the same code whichever thread claims it, so results are bit for bit those of one thread.
    /// </summary>
    [global::Microsoft.CodeAnalysis.EmbeddedAttribute]
    [global::System.CodeDom.Compiler.GeneratedCode("ConvGen", "VERSION")]
    [global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]
    internal static class ConvGenParallel
    {
        /// <summary>The degree a call asked for, checked: 1 or more, or −1 for every processor.</summary>
        public static int Degree(int maxDegreeOfParallelism, string paramName)
        {
            if (maxDegreeOfParallelism == -1) return global::System.Environment.ProcessorCount;
            if (maxDegreeOfParallelism < 1)
                throw new global::System.ArgumentOutOfRangeException(paramName, maxDegreeOfParallelism, "Expected 1 or more threads, or -1 for every processor.");
            return maxDegreeOfParallelism;
        }

        /// <summary>
        /// One call's work: <see cref="Run"/> for every unit in [0, units). A job object is reused by one calling thread
        /// at a time (generated code keeps one per thread). Thread-pool items of an earlier call that start late find the
        /// job closed and return; items that find a later call open help it.
        /// </summary>
        public abstract class Job : global::System.Threading.IThreadPoolWorkItem
        {
            /// <summary>Set while a call is open: no worker may enter once a call has closed it.</summary>
            private const int Closed = 1 << 30;

            private readonly global::System.Threading.ManualResetEventSlim _done = new global::System.Threading.ManualResetEventSlim(false);
            private int _state = Closed;
            private int _next;
            private int _units;

            /// <summary>Computes one unit (never throws: the arguments were checked before).</summary>
            protected abstract void Run(int unit);

            /// <summary>Runs units 0 … units − 1 on up to <paramref name="degree"/> threads, the caller's included.</summary>
            public void Invoke(int units, int degree)
            {
                if (degree <= 1 || units <= 1)
                {
                    for (int u = 0; u < units; u++) Run(u);
                    return;
                }

                _done.Reset();
                _units = units;
                _next = 0;
                global::System.Threading.Volatile.Write(ref _state, 0);
                int helpers = global::System.Math.Min(degree, units) - 1;
                for (int i = 0; i < helpers; i++)
                    global::System.Threading.ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                Drain();
                // Close: workers that have not entered stay out; wait for those inside to finish their units.
                if (global::System.Threading.Interlocked.Add(ref _state, Closed) != Closed)
                    _done.Wait();
            }

            void global::System.Threading.IThreadPoolWorkItem.Execute()
            {
                int s;
                do
                {
                    s = global::System.Threading.Volatile.Read(ref _state);
                    if (s >= Closed) return;
                }
                while (global::System.Threading.Interlocked.CompareExchange(ref _state, s + 1, s) != s);

                try
                {
                    Drain();
                }
                finally
                {
                    if (global::System.Threading.Interlocked.Decrement(ref _state) == Closed)
                        _done.Set();
                }
            }

            private void Drain()
            {
                int units = _units;
                for (int u = global::System.Threading.Interlocked.Increment(ref _next) - 1; u < units; u = global::System.Threading.Interlocked.Increment(ref _next) - 1)
                    Run(u);
            }
        }

        /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> equal parts of [0, count): its start.</summary>
        public static int Split(int count, int parts, int part) => (int)((long)count * part / parts);
    }
}

""";
}
