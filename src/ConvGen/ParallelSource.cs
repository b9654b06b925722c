namespace ConvGen;

/// <summary>
/// The fork-join helper behind the generated <c>Forward(…, maxDegreeOfParallelism)</c> overloads: emitted once per
/// compilation, internal and [Embedded]. A call's helpers are worker threads of its own (ProcessorCount − 1, started on
/// the first parallel call, spinning briefly between calls, then asleep), or .NET thread-pool threads when those are busy
/// with another caller's call; nothing is allocated per call once each calling thread has its job object. The caller
/// works too and returns when every unit is done.
/// </summary>
internal static class ParallelSource
{
    public const string Hint = "ConvGen.ConvGenParallel.g.cs";

    public static readonly string Text = AttributeSource.Header + """
namespace ConvGen
{
    /// <summary>
    /// Runs the units of one call on the calling thread and up to <c>degree − 1</c> helper threads. A unit is
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
        /// at a time (generated code keeps one per thread). A helper that enters late finds the job closed and returns;
        /// one that finds a later call open helps it.
        /// </summary>
        public abstract class Job : global::System.Threading.IThreadPoolWorkItem
        {
            /// <summary>Set while a call is open: no helper may enter once a call has closed it.</summary>
            private const int Closed = 1 << 30;

            private int _state = Closed;
            private int _next;
            private int _units;

            /// <summary>Computes one unit (never throws: the arguments were checked before).</summary>
            protected abstract void Run(int unit);

            /// <summary>Runs units 0 … units − 1 on up to <paramref name="degree"/> threads, the caller's included: the
            /// helpers are <see cref="Worker"/> threads that are idle, else thread-pool threads.</summary>
            public void Invoke(int units, int degree)
            {
                if (degree <= 1 || units <= 1)
                {
                    for (int u = 0; u < units; u++) Run(u);
                    return;
                }

                _units = units;
                _next = 0;
                global::System.Threading.Volatile.Write(ref _state, 0);
                int helpers = global::System.Math.Min(degree, units) - 1;
                helpers -= Worker.Post(this, helpers);
                for (int i = 0; i < helpers; i++)
                    global::System.Threading.ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                Drain();
                // Close: helpers that have not entered stay out. Those inside are each within one unit of done: wait for
                // them by spinning (a blocked caller can take longer to wake than a unit takes).
                if (global::System.Threading.Interlocked.Add(ref _state, Closed) != Closed)
                {
                    var spin = new global::System.Threading.SpinWait();
                    while (global::System.Threading.Volatile.Read(ref _state) != Closed) spin.SpinOnce(-1);
                }
            }

            /// <summary>Helps the open call, if any: claims units until none is left.</summary>
            internal void Help()
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
                    global::System.Threading.Interlocked.Decrement(ref _state);
                }
            }

            void global::System.Threading.IThreadPoolWorkItem.Execute() => Help();

            private void Drain()
            {
                int units = _units;
                for (int u = global::System.Threading.Interlocked.Increment(ref _next) - 1; u < units; u = global::System.Threading.Interlocked.Increment(ref _next) - 1)
                    Run(u);
            }
        }

        /// <summary>
        /// A helper thread of its own (ProcessorCount − 1 of them, background, started on the first parallel call). After a
        /// job it spins for <see cref="SpinMicroseconds"/> waiting for the next, then sleeps: a thread that sleeps can take
        /// hundreds of microseconds to wake on a virtual machine, longer than a layer's share of the work.
        /// </summary>
        private sealed class Worker
        {
            /// <summary>How long an idle worker waits for work before it sleeps (the CPU time it spends after each call).</summary>
            private const int SpinMicroseconds = 200;

            private static Worker[]? s_workers;
            private static readonly object s_start = new object();

            private readonly global::System.Threading.ManualResetEventSlim _wake = new global::System.Threading.ManualResetEventSlim(false);
            private Job? _job;
            private int _sleeping;

            /// <summary>Hands <paramref name="job"/> to up to <paramref name="helpers"/> workers with no job waiting; returns how many took it.</summary>
            public static int Post(Job job, int helpers)
            {
                var workers = global::System.Threading.Volatile.Read(ref s_workers) ?? Start();
                int posted = 0;
                for (int i = 0; i < workers.Length && posted < helpers; i++)
                {
                    var w = workers[i];
                    if (global::System.Threading.Interlocked.CompareExchange(ref w._job, job, null) != null) continue;
                    posted++;
                    if (global::System.Threading.Volatile.Read(ref w._sleeping) != 0) w._wake.Set();
                }

                return posted;
            }

            private static Worker[] Start()
            {
                lock (s_start)
                {
                    if (s_workers != null) return s_workers;
                    var workers = new Worker[global::System.Math.Max(0, global::System.Environment.ProcessorCount - 1)];
                    int started = 0;
                    try
                    {
                        for (; started < workers.Length; started++)
                        {
                            var w = new Worker();
                            var thread = new global::System.Threading.Thread(w.Loop) { IsBackground = true, Name = "ConvGen worker" };
                            thread.Start();
                            workers[started] = w;
                        }
                    }
                    catch (global::System.Exception e) when (e is global::System.PlatformNotSupportedException || e is global::System.OutOfMemoryException || e is global::System.Threading.ThreadStartException)
                    {
                        // No threads of our own here: the thread pool helps alone.
                        global::System.Array.Resize(ref workers, started);
                    }

                    return s_workers = workers;
                }
            }

            private void Loop()
            {
                long spinTicks = global::System.Diagnostics.Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
                while (true)
                {
                    // Take the job first: the caller may post its next call as soon as this one's units are done.
                    var job = global::System.Threading.Interlocked.Exchange(ref _job, null);
                    if (job != null)
                    {
                        job.Help();
                        continue;
                    }

                    long until = global::System.Diagnostics.Stopwatch.GetTimestamp() + spinTicks;
                    while (global::System.Threading.Volatile.Read(ref _job) == null && global::System.Diagnostics.Stopwatch.GetTimestamp() < until)
                        global::System.Threading.Thread.SpinWait(16);
                    if (global::System.Threading.Volatile.Read(ref _job) != null) continue;

                    // Sleep: announce it, then look once more (a poster writes the job, then reads the flag).
                    _wake.Reset();
                    global::System.Threading.Interlocked.Exchange(ref _sleeping, 1);
                    if (global::System.Threading.Volatile.Read(ref _job) == null) _wake.Wait();
                    global::System.Threading.Interlocked.Exchange(ref _sleeping, 0);
                }
            }
        }

        /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> equal parts of [0, count): its start.</summary>
        public static int Split(int count, int parts, int part) => (int)((long)count * part / parts);
    }
}

""";
}
