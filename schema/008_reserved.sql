-- Reserved: number 008 belongs to another branch (issue 7's perf2 branch
-- adds 009). Nothing here; the merge drops this file.
SELECT 1;
