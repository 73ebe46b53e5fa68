// The orchestration layer: executes tasks and runs the DAG.
