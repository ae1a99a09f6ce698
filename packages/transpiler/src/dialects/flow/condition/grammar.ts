/**
 * The condition DSL grammar as a chevrotain `CstParser`: rules only, no semantics
 * (`cst-to-condition.ts` gives meaning to the CST). It accepts a tolerant superset of
 * SPEC §b.2, documented in `grammars/flow-condition.ebnf`:
 *
 * - a bare top level (`(a) && (b)`, even `a == 1`) and bare tests inside a chain;
 * - `&&` and `||` mixed in one chain, so the semantic pass can report the SPEC rule
 *   ("never mix") with a precise span instead of a generic "expected ')'".
 */
import { CstParser, type IParserErrorMessageProvider } from "chevrotain";
import {
  BinaryOperator,
  conditionTokens,
  Dot,
  Identifier,
  Literal,
  LogicalOperator,
  LParen,
  Pipe,
  Quantifier,
  RParen,
  UnaryOperator,
} from "./tokens.js";

export class ConditionGrammar extends CstParser {
  constructor(errorMessageProvider: IParserErrorMessageProvider) {
    super([...conditionTokens], {
      errorMessageProvider,
      nodeLocationTracking: "none",
    });
    this.performSelfAnalysis();
  }

  readonly condition = this.RULE("condition", () => {
    this.SUBRULE(this.chain);
  });

  readonly chain = this.RULE("chain", () => {
    this.SUBRULE(this.element);
    this.MANY(() => {
      this.CONSUME(LogicalOperator);
      this.SUBRULE2(this.element);
    });
  });

  readonly element = this.RULE("element", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => this.SUBRULE(this.test) },
    ]);
  });

  readonly group = this.RULE("group", () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.chain);
    this.CONSUME(RParen);
  });

  readonly test = this.RULE("test", () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.path);
          this.OR2([
            {
              ALT: () => {
                this.CONSUME(BinaryOperator);
                this.SUBRULE(this.operand);
              },
            },
            { ALT: () => this.CONSUME(UnaryOperator) },
            {
              ALT: () => {
                this.CONSUME(Quantifier);
                this.CONSUME(Pipe);
                this.CONSUME(Identifier);
                this.CONSUME2(Pipe);
                this.SUBRULE(this.group);
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.literal);
          this.CONSUME2(BinaryOperator);
          this.SUBRULE2(this.operand);
        },
      },
    ]);
  });

  readonly operand = this.RULE("operand", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.path) },
      { ALT: () => this.SUBRULE(this.literal) },
    ]);
  });

  readonly path = this.RULE("path", () => {
    this.CONSUME(Identifier);
    this.MANY(() => {
      this.CONSUME(Dot);
      this.CONSUME2(Identifier);
    });
  });

  readonly literal = this.RULE("literal", () => {
    this.CONSUME(Literal);
  });
}
