"""Apply the planner's edits to the source with LibCST, keeping comments and formatting.

Edits name astroid nodes; a LibCST node is the same syntax when it spans the same
source range (astroid columns count UTF-8 bytes, LibCST's characters).
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from keraslint.fix.planner import Edit

SUGGESTION_COMMENT = "# suggested by keraslint: compile again after changing trainable"


def _char_column(lines: list[str], line: int, byte_column: int) -> int:
    return len(lines[line - 1].encode("utf-8")[:byte_column].decode("utf-8", errors="ignore"))


def astroid_span(lines: list[str], node) -> tuple[int, int, int, int]:
    return (
        node.lineno,
        _char_column(lines, node.lineno, node.col_offset),
        node.end_lineno,
        _char_column(lines, node.end_lineno, node.end_col_offset),
    )


class _Rewriter(cst.CSTTransformer):
    def __init__(self, positions, edits: dict[tuple, list[Edit]], copies: dict[int, cst.SimpleStatementLine | None]) -> None:
        super().__init__()
        self.positions = positions
        self.edits = edits
        self.copies = copies
        self.applied: set[int] = set()  # ids of the edits done

    def _edits_at(self, node: cst.CSTNode, *kinds: str) -> list[Edit]:
        position = self.positions.get(node)
        if position is None:
            return []
        found = [e for e in self.edits.get(_span(position), ()) if e.kind in kinds]
        self.applied.update(map(id, found))
        return found

    # Arguments -----------------------------------------------------------------------
    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        for edit in self._edits_at(original_node, "keyword", "positional"):
            updated_node = _set_argument(updated_node, edit)
        if self._edits_at(original_node, "unwrap"):  # Layer()(expr) -> expr
            return updated_node.args[0].value
        return updated_node

    # Removal ---------------------------------------------------------------------------
    def _without_removed(self, original_node, updated_node):
        kept = []
        closing = getattr(updated_node, "rbracket", None)
        for old, new in zip(original_node.elements, updated_node.elements):
            if not self._edits_at(old.value, "remove_element"):
                kept.append(new)
            elif kept and new is updated_node.elements[-1]:
                # The new last element takes the removed one's comma (the trailing-comma style);
                # the comment after the previous element stays with it, the removed one's goes.
                comment = _comment_line(kept[-1].comma)
                kept[-1] = kept[-1].with_changes(comma=new.comma)
                if comment is not None and closing is not None and _comment_line(closing) is not None:
                    closing = closing.with_changes(whitespace_before=closing.whitespace_before.with_changes(first_line=comment))
        changes = {"elements": kept}
        if closing is not None:
            changes["rbracket"] = closing
        return updated_node.with_changes(**changes)

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.BaseExpression:
        return self._without_removed(original_node, updated_node)

    def leave_Tuple(self, original_node: cst.Tuple, updated_node: cst.Tuple) -> cst.BaseExpression:
        return self._without_removed(original_node, updated_node)

    # Statements --------------------------------------------------------------------------
    def _statements(self, original_body, updated_body) -> list:
        body = []
        for old, new in zip(original_body, updated_body):
            small = old.body if isinstance(old, cst.SimpleStatementLine) else []
            if len(small) == 1 and self._edits_at(small[0], "remove_statement"):
                continue
            body.append(new)
            for edit in self._edits_at(small[0], "insert_after") if len(small) == 1 else ():
                copy = self.copies[id(edit)]
                if copy is None:
                    self.applied.discard(id(edit))
                    continue
                comment = cst.TrailingWhitespace(
                    whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(SUGGESTION_COMMENT), newline=cst.Newline()
                )
                body.append(copy.deep_clone().with_changes(leading_lines=[], trailing_whitespace=comment))
        return body

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> cst.IndentedBlock:
        return updated_node.with_changes(body=self._statements(original_node.body, updated_node.body))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        return updated_node.with_changes(body=self._statements(original_node.body, updated_node.body))


def _comment_line(token) -> cst.TrailingWhitespace | None:
    """The end of the line after a comma or before a closing bracket, when a line break follows it there."""
    whitespace = getattr(token, "whitespace_after", None) if isinstance(token, cst.Comma) else getattr(token, "whitespace_before", None)
    return whitespace.first_line if isinstance(whitespace, cst.ParenthesizedWhitespace) else None


def _set_argument(call: cst.Call, edit: Edit) -> cst.Call:
    value = cst.parse_expression(edit.value)
    args = list(call.args)
    if edit.kind == "positional":
        args[edit.index] = args[edit.index].with_changes(value=value)
        return call.with_changes(args=args)
    for i, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == edit.name:
            args[i] = arg.with_changes(value=value)
            return call.with_changes(args=args)
    new = cst.Arg(
        keyword=cst.Name(edit.name),
        value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    if args:
        # After the last argument, on its line: what followed it (comma, comment, line break) now follows the new one.
        last = args[-1]
        new = new.with_changes(comma=last.comma, whitespace_after_arg=last.whitespace_after_arg)
        args[-1] = last.with_changes(
            comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")), whitespace_after_arg=cst.SimpleWhitespace("")
        )
    return call.with_changes(args=[*args, new])


def _span(position) -> tuple[int, int, int, int]:
    return (position.start.line, position.start.column, position.end.line, position.end.column)


def apply_edits(source: str, edits: list[Edit]) -> tuple[str, set[int]]:
    """``source`` with ``edits`` applied, and the ids of the edits that found their node."""
    lines = source.splitlines(keepends=True)
    wrapper = MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True)  # a fresh tree: no copy needed
    positions = wrapper.resolve(PositionProvider)
    by_span: dict[tuple, list[Edit]] = {}
    for edit in edits:
        by_span.setdefault(astroid_span(lines, edit.node), []).append(edit)
    # Statement lines to repeat (insert_after), by the span of their one small statement.
    wanted = {astroid_span(lines, e.copy) for e in edits if e.copy is not None}
    lines_by_span = {
        _span(positions[node.body[0]]): node
        for node in positions
        if isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1 and _span(positions[node.body[0]]) in wanted
    }
    copies = {id(e): lines_by_span.get(astroid_span(lines, e.copy)) for e in edits if e.copy is not None}
    rewriter = _Rewriter(positions, by_span, copies)
    module = wrapper.visit(rewriter)
    return module.code, rewriter.applied
