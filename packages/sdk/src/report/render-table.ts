import { formatValue } from "./format-value.js";
import type { TableCell, TableColumn, TableSection } from "./report-model.js";
import { dataTable, empty, note, type TableCellOut } from "./report-parts.js";

function tableCell(
  cell: TableCell | undefined,
  column: TableColumn | undefined,
): TableCellOut {
  if (cell === null || cell === undefined) return { text: "" };
  if (typeof cell === "string") return { text: cell };
  return {
    text: formatValue(cell, column?.format ?? "number"),
    sort: cell,
    className: "num",
  };
}

export function renderTable(section: TableSection, _context: unknown): string {
  if (section.rows.length === 0 || section.columns.length === 0)
    return empty("rows");
  const width = Math.max(
    section.columns.length,
    ...section.rows.map((r) => r.length),
  );
  // A row longer than the header keeps its extra cells under unnamed columns, never drops them.
  const headers = Array.from(
    { length: width },
    (_, i) => section.columns[i]?.label ?? `column ${i + 1}`,
  );
  const rows = section.rows.map((r) =>
    headers.map((_, i) => tableCell(r[i], section.columns[i])),
  );
  const ragged = section.rows.some((r) => r.length !== section.columns.length)
    ? note("Some rows have a different number of cells than the header.")
    : "";
  return `${ragged}${dataTable(section.title, headers, rows)}`;
}
