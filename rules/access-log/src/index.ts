// Detections over CloudTrail events (the access-log audit), one per file; the file name equals the id.
export const detections: never[] = [];
