/**
 * The Python grammar as a chevrotain CST parser: rules only, no actions. It follows
 * `grammars/python-subset.ebnf` (section numbers are cited in comments) and deliberately
 * accepts MORE than the subset, so that `cst-to-ast.ts` can name unsupported constructs
 * (`while`, `x[0]`, `a + b`, `*args`, lambdas, …) instead of failing with a syntax error.
 *
 * Speed matters (this parses every model output), hence three choices:
 * - binary expressions are flat (`operand (op operand)*`); precedence, chained
 *   comparisons and the placement rules for `not` are applied in `cst-operators.ts`;
 * - `statement` and `test` inline their most common sub-rule, so a typical line costs
 *   fewer rule invocations;
 * - the alternatives of hot `OR`s and the bodies of hot `MANY`s are built once per
 *   parser instance (chevrotain's documented optimisation) instead of on every call.
 */
import {
  CstParser,
  EOF,
  type CstNode,
  type IOrAlt,
  type IParserErrorMessageProvider,
  type IToken,
} from "chevrotain";
import * as T from "./tokens.js";

/**
 * Chevrotain passes the expected token type only to the message provider, so the provider
 * records just that (its name); `parse-errors.ts` builds the human message from it plus
 * the exception's tokens and rule stack.
 */
const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => expected.name,
  buildNotAllInputParsedMessage: () => "",
  buildNoViableAltMessage: () => "",
  buildEarlyExitMessage: () => "",
};

const softKeywords = new Set(["match", "case"]);

type Alternatives = IOrAlt<unknown>[];

export class PythonParser extends CstParser {
  /**
   * `validate` runs chevrotain's grammar validations (ambiguities, left recursion, …),
   * two thirds of the construction time. The grammar is fixed code, so a test runs them
   * once (`grammar.test.ts`) and the production instance skips them: they only decide
   * whether construction throws, never how a text parses.
   */
  constructor(options: { readonly validate?: boolean } = {}) {
    super([...T.tokenVocabulary], {
      maxLookahead: 3,
      nodeLocationTracking: "none",
      recoveryEnabled: false,
      errorMessageProvider,
      skipValidations: options.validate !== true,
    });
    this.performSelfAnalysis();
  }

  /** Parses a token list; errors are left in `this.errors`. */
  parseModule(tokens: readonly IToken[]): CstNode {
    this.input = tokens as IToken[];
    return this.module();
  }

  // ---------------------------------------------------------------- cached alternatives

  private readonly statementAlternatives: Alternatives = [
    {
      GATE: () => this.isSoftKeywordStatement(),
      ALT: () => this.SUBRULE(this.softKeywordStatement),
    },
    { ALT: () => this.SUBRULE(this.ifStatement) },
    { ALT: () => this.SUBRULE(this.forStatement) },
    { ALT: () => this.SUBRULE(this.withStatement) },
    { ALT: () => this.SUBRULE(this.functionDef) },
    { ALT: () => this.SUBRULE(this.decorated) },
    { ALT: () => this.SUBRULE(this.unsupportedCompound) },
    { ALT: () => this.simpleStatementBody() },
  ];

  private readonly smallStatementAlternatives: Alternatives = [
    { ALT: () => this.CONSUME(T.Pass) },
    {
      ALT: () => {
        this.CONSUME(T.SimpleStatementKeyword);
        this.MANY(() => this.SUBRULE(this.skipItem));
      },
    },
    { ALT: () => this.expressionStatementBody() },
  ];

  private readonly starItemAlternatives: readonly Alternatives[] = [1, 2].map(
    (n) => [
      {
        ALT: () => {
          this.consume(n, T.Star);
          this.subrule(n, this.disjunction);
        },
      },
      { ALT: () => this.subrule(n + 2, this.test) },
    ],
  );

  private readonly testAlternatives: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(T.Lambda);
        this.MANY(() => this.SUBRULE(this.headerItem));
        this.CONSUME(T.Colon);
        this.SUBRULE(this.test);
      },
    },
    {
      ALT: () => {
        this.SUBRULE(this.operand);
        this.MANY2(this.binaryTail);
        this.OPTION(this.conditionalTail);
      },
    },
  ];

  private readonly binaryTail = (): void => {
    this.CONSUME(T.BinaryOperator, { LABEL: "op" });
    this.SUBRULE2(this.operand);
  };

  private readonly conditionalTail = (): void => {
    this.CONSUME(T.If);
    this.SUBRULE(this.disjunction);
    this.CONSUME(T.Else);
    this.SUBRULE2(this.test);
  };

  private readonly prefix = (): void => {
    this.CONSUME(T.PrefixOperator, { LABEL: "prefix" });
  };

  private readonly atomAlternatives: Alternatives = [
    { ALT: () => this.CONSUME(T.Name) },
    { ALT: () => this.CONSUME(T.NumberLiteral) },
    { ALT: () => this.AT_LEAST_ONE(() => this.CONSUME(T.StringLiteral)) },
    { ALT: () => this.CONSUME(T.True) },
    { ALT: () => this.CONSUME(T.False) },
    { ALT: () => this.CONSUME(T.None) },
    { ALT: () => this.CONSUME(T.Ellipsis) },
    { ALT: () => this.SUBRULE(this.parenAtom) },
    { ALT: () => this.SUBRULE(this.listAtom) },
    { ALT: () => this.SUBRULE(this.braceAtom) },
  ];

  private readonly trailerAlternatives: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(T.LParen, { LABEL: "trailer" });
        this.SUBRULE(this.callArguments);
        this.CONSUME(T.RParen, { LABEL: "callEnd" });
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Dot, { LABEL: "trailer" });
        this.CONSUME2(T.Name, { LABEL: "attr" });
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.LBracket, { LABEL: "trailer" });
        this.MANY3(() => this.SUBRULE(this.skipItem));
        this.CONSUME(T.RBracket, { LABEL: "subscriptEnd" });
      },
    },
  ];

  private readonly trailer = (): void => {
    this.OR2(this.trailerAlternatives);
  };

  private readonly argumentAlternatives: Alternatives = [
    {
      // `name=value`, the common case, without the rule calls of a full expression on the
      // left. First and unambiguous-by-order: `test "=" test` below only sees other left sides.
      IGNORE_AMBIGUITIES: true,
      ALT: () => {
        this.CONSUME(T.Name, { LABEL: "keyword" });
        this.CONSUME2(T.Equals);
        this.SUBRULE6(this.test);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Star);
        this.SUBRULE(this.test);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.DoubleStar);
        this.SUBRULE2(this.test);
      },
    },
    {
      ALT: () => {
        this.SUBRULE3(this.test);
        this.OPTION(this.argumentTail);
      },
    },
  ];

  private readonly argumentTail = (): void => {
    this.OR2(this.argumentTailAlternatives);
  };

  private readonly argumentTailAlternatives: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(T.Equals);
        this.SUBRULE4(this.test);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Walrus);
        this.SUBRULE5(this.test);
      },
    },
    { ALT: () => this.AT_LEAST_ONE(() => this.SUBRULE(this.comprehensionFor)) },
  ];

  private readonly moreArguments = (): void => {
    this.CONSUME(T.Comma);
    this.SUBRULE2(this.argument);
  };

  private readonly sequenceItemAlternatives: readonly Alternatives[] = [
    1, 2,
  ].map((n) => {
    const walrus = (): void => {
      this.consume(n, T.Walrus);
      this.subrule(n + 2, this.test);
    };
    return [
      {
        ALT: () => {
          this.consume(n, T.Star);
          this.subrule(n, this.disjunction);
        },
      },
      {
        ALT: () => {
          this.subrule(n, this.test);
          this.option(n, walrus);
        },
      },
    ];
  });

  // ---------------------------------------------------------------- statements (EBNF §2)

  readonly module = this.RULE("module", () => {
    this.MANY(this.statementCall);
  });

  readonly statement = this.RULE("statement", () => {
    // One token of lookahead: deeper lookahead would turn an error in a statement's first
    // tokens into a vague "no statement starts here" instead of a precise message.
    this.OR({ MAX_LOOKAHEAD: 1, DEF: this.statementAlternatives });
  });

  /** One-line suites (`if x: pass`); top-level lines are inlined into `statement`. */
  readonly simpleStatements = this.RULE("simpleStatements", () =>
    this.simpleStatementBody(),
  );

  private simpleStatementBody(): void {
    this.SUBRULE(this.smallStatement);
    this.MANY(this.moreSmallStatements);
    this.OPTION(this.trailingSemicolon);
    this.CONSUME(T.Newline);
  }

  private readonly moreSmallStatements = (): void => {
    this.CONSUME(T.Semicolon);
    this.SUBRULE2(this.smallStatement);
  };

  private readonly trailingSemicolon = (): void => {
    this.CONSUME2(T.Semicolon);
  };

  readonly smallStatement = this.RULE("smallStatement", () => {
    this.OR(this.smallStatementAlternatives);
  });

  /**
   * Assignment, expression statement, and (unsupported) augmented/annotated assignment.
   * Inlined into `smallStatement` (one rule call less per line).
   */
  private expressionStatementBody(): void {
    this.SUBRULE(this.starList);
    this.OPTION(this.assignmentTail);
  }

  private readonly assignmentTailAlternatives: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(T.AugmentedAssign);
        this.SUBRULE(this.assignedValue);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Colon);
        this.SUBRULE(this.test);
        this.OPTION2(() => {
          this.CONSUME(T.Equals);
          this.SUBRULE2(this.assignedValue);
        });
      },
    },
    {
      ALT: () =>
        this.AT_LEAST_ONE(() => {
          this.CONSUME2(T.Equals);
          this.SUBRULE3(this.assignedValue);
        }),
    },
  ];

  private readonly assignmentTail = (): void => {
    this.OR2(this.assignmentTailAlternatives);
  };

  private readonly assignedValueAlternatives: Alternatives = [
    { ALT: () => this.SUBRULE(this.yieldExpression) },
    { ALT: () => this.SUBRULE(this.starList) },
  ];

  readonly assignedValue = this.RULE("assignedValue", () => {
    this.OR(this.assignedValueAlternatives);
  });

  readonly ifStatement = this.RULE("ifStatement", () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.namedExpression);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
    this.MANY(this.elifClauseCall);
    this.OPTION(this.elseClause);
  });

  private readonly elifClauseCall = (): void => {
    this.SUBRULE(this.elifClause);
  };

  /** `else: suite` of `if` and `for` (the same occurrence indices in both rules). */
  private readonly elseClause = (): void => {
    this.CONSUME(T.Else);
    this.CONSUME2(T.Colon);
    this.SUBRULE2(this.suite);
  };

  readonly elifClause = this.RULE("elifClause", () => {
    this.CONSUME(T.Elif);
    this.SUBRULE(this.namedExpression);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
  });

  readonly forStatement = this.RULE("forStatement", () => {
    this.CONSUME(T.For);
    this.SUBRULE(this.targetList);
    this.CONSUME(T.In);
    this.SUBRULE(this.starList);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
    this.OPTION(this.elseClause);
  });

  readonly withStatement = this.RULE("withStatement", () => {
    this.CONSUME(T.With);
    this.OR({
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          // Python 3.9+ `with (a as b, c):`, only when the parentheses end the header.
          GATE: () => this.isParenthesizedWithItems(),
          ALT: () => {
            this.CONSUME(T.LParen);
            this.SUBRULE(this.withItem);
            this.MANY(() => {
              this.CONSUME(T.Comma);
              this.SUBRULE2(this.withItem);
            });
            this.OPTION(() => this.CONSUME2(T.Comma));
            this.CONSUME(T.RParen);
          },
        },
        {
          ALT: () => {
            this.SUBRULE3(this.withItem);
            this.MANY2(() => {
              this.CONSUME3(T.Comma);
              this.SUBRULE4(this.withItem);
            });
          },
        },
      ],
    });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
  });

  readonly withItem = this.RULE("withItem", () => {
    this.SUBRULE(this.test);
    this.OPTION(this.withTarget);
  });

  private readonly withTarget = (): void => {
    this.CONSUME(T.As);
    this.OPTION2(() => this.CONSUME(T.Star));
    this.SUBRULE(this.operand);
  };

  readonly functionDef = this.RULE("functionDef", () => {
    this.CONSUME(T.Def);
    this.CONSUME(T.Name);
    this.CONSUME(T.LParen);
    this.OPTION(this.parameterList);
    this.CONSUME(T.RParen);
    this.OPTION3(this.returnAnnotation);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
  });

  private readonly parameterList = (): void => {
    this.SUBRULE(this.parameter);
    this.MANY(this.moreParameters);
    this.OPTION2(this.trailingComma);
  };

  private readonly moreParameters = (): void => {
    this.CONSUME(T.Comma);
    this.SUBRULE2(this.parameter);
  };

  private readonly returnAnnotation = (): void => {
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.test);
  };

  private readonly parameterAlternatives: Alternatives = [
    { ALT: () => this.CONSUME(T.Slash) },
    {
      ALT: () => {
        this.CONSUME(T.Star);
        this.OPTION(() => this.SUBRULE(this.parameterName));
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.DoubleStar);
        this.SUBRULE2(this.parameterName);
      },
    },
    {
      ALT: () => {
        this.SUBRULE3(this.parameterName);
        this.OPTION2(this.parameterDefault);
      },
    },
  ];

  private readonly parameterDefault = (): void => {
    this.CONSUME(T.Equals);
    this.SUBRULE(this.test);
  };

  readonly parameter = this.RULE("parameter", () => {
    this.OR(this.parameterAlternatives);
  });

  readonly parameterName = this.RULE("parameterName", () => {
    this.CONSUME(T.Name);
    this.OPTION(this.annotation);
  });

  private readonly annotation = (): void => {
    this.CONSUME(T.Colon);
    this.SUBRULE(this.test);
  };

  readonly decorated = this.RULE("decorated", () => {
    this.AT_LEAST_ONE(this.decorator);
    this.OR(this.decoratedAlternatives);
  });

  private readonly decorator = (): void => {
    this.CONSUME(T.At);
    this.SUBRULE(this.namedExpression);
    this.CONSUME(T.Newline);
  };

  private readonly decoratedAlternatives: Alternatives = [
    { ALT: () => this.SUBRULE(this.functionDef) },
    { ALT: () => this.SUBRULE(this.unsupportedCompound) },
  ];

  /** `class`, `while`, `try`, `async …`: recognised, skipped, reported as unsupported. */
  readonly unsupportedCompound = this.RULE("unsupportedCompound", () => {
    this.CONSUME(T.CompoundStatementKeyword);
    this.MANY(() => this.SUBRULE(this.headerItem));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
    this.MANY2(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Except) },
        { ALT: () => this.CONSUME(T.Finally) },
        { ALT: () => this.CONSUME(T.Else) },
      ]);
      this.MANY3(() => this.SUBRULE2(this.headerItem));
      this.CONSUME2(T.Colon);
      this.SUBRULE2(this.suite);
    });
  });

  /** `match x:` / `case 1:` (soft keywords): recognised, skipped, reported as unsupported. */
  readonly softKeywordStatement = this.RULE("softKeywordStatement", () => {
    this.CONSUME(T.Name);
    this.MANY(() => this.SUBRULE(this.headerItem));
    this.CONSUME(T.Colon);
    this.SUBRULE(this.suite);
  });

  private readonly suiteAlternatives: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(T.Newline);
        this.CONSUME(T.Indent);
        this.AT_LEAST_ONE(this.statementCall);
        this.CONSUME(T.Dedent);
      },
    },
    { ALT: () => this.SUBRULE(this.simpleStatements) },
  ];

  private readonly statementCall = (): void => {
    this.SUBRULE(this.statement);
  };

  readonly suite = this.RULE("suite", () => {
    this.OR(this.suiteAlternatives);
  });

  // ---------------------------------------------------------------- skipping unsupported code

  /** Any token of a compound header up to its `:` (brackets balanced). */
  readonly headerItem = this.RULE("headerItem", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Plain) },
      { ALT: () => this.SUBRULE(this.bracketGroup) },
    ]);
  });

  /** Any token of a simple statement up to its end (brackets balanced). */
  readonly skipItem = this.RULE("skipItem", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Plain) },
      { ALT: () => this.CONSUME(T.Colon) },
      { ALT: () => this.SUBRULE(this.bracketGroup) },
    ]);
  });

  readonly bracketGroup = this.RULE("bracketGroup", () => {
    // DSL calls repeated in one rule need distinct occurrence indices, hence `n`.
    const inside = (n: number) => (): void => {
      this.or(n, [
        { ALT: () => this.consume(n, T.Plain) },
        { ALT: () => this.consume(n, T.Colon) },
        { ALT: () => this.consume(n, T.Semicolon) },
        { ALT: () => this.subrule(n, this.bracketGroup) },
      ]);
    };
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.MANY(inside(1));
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.MANY2(inside(2));
          this.CONSUME(T.RBracket);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY3(inside(3));
          this.CONSUME(T.RBrace);
        },
      },
    ]);
  });

  // ---------------------------------------------------------------- expressions (EBNF §3)

  /** `item, item, …` where an item may be starred (bare tuples are reported later). */
  readonly starList = this.RULE("starList", () => {
    this.OR(this.starItemAlternatives[0] ?? []);
    this.MANY(this.moreStarItems);
    this.OPTION(this.trailingComma);
  });

  private readonly moreStarItems = (): void => {
    this.CONSUME(T.Comma);
    this.OR2(this.starItemAlternatives[1] ?? []);
  };

  /** An optional `,` at occurrence 2, after lists whose separators are occurrence 1. */
  private readonly trailingComma = (): void => {
    this.CONSUME2(T.Comma);
  };

  readonly yieldExpression = this.RULE("yieldExpression", () => {
    this.CONSUME(T.Yield);
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.From);
            this.SUBRULE(this.test);
          },
        },
        { ALT: () => this.SUBRULE(this.starList) },
      ]);
    });
  });

  readonly namedExpression = this.RULE("namedExpression", () => {
    this.SUBRULE(this.test);
    this.OPTION(this.walrusTail);
  });

  private readonly walrusTail = (): void => {
    this.CONSUME(T.Walrus);
    this.SUBRULE2(this.test);
  };

  /**
   * A full expression: a lambda, or `operand (op operand)*` with an optional conditional
   * tail (the disjunction is inlined: this is the hottest rule).
   */
  readonly test = this.RULE("test", () => {
    this.OR(this.testAlternatives);
  });

  /** `operand (op operand)*` for every binary operator from `or` to `**`. */
  readonly disjunction = this.RULE("disjunction", () => {
    this.SUBRULE(this.operand);
    this.MANY(this.binaryTail);
  });

  /**
   * Prefix operators, one atom, then trailers. Trailer openers share the label `trailer`
   * so their order survives in the CST: `(` pairs with the next `callArguments` node and
   * `callEnd`, `.` with the next `attr`, `[` with the next `subscriptEnd`.
   */
  readonly operand = this.RULE("operand", () => {
    this.MANY(this.prefix);
    this.OR(this.atomAlternatives);
    this.MANY2(this.trailer);
  });

  readonly callArguments = this.RULE("callArguments", () => {
    this.OPTION(this.argumentList);
  });

  private readonly argumentList = (): void => {
    this.SUBRULE(this.argument);
    this.MANY(this.moreArguments);
    this.OPTION2(this.trailingComma);
  };

  readonly argument = this.RULE("argument", () => {
    this.OR(this.argumentAlternatives);
  });

  private readonly parenContentAlternatives: Alternatives = [
    { ALT: () => this.SUBRULE(this.yieldExpression) },
    { ALT: () => this.SUBRULE(this.sequence) },
  ];

  private readonly parenContent = (): void => {
    this.OR(this.parenContentAlternatives);
  };

  readonly parenAtom = this.RULE("parenAtom", () => {
    this.CONSUME(T.LParen);
    this.OPTION(this.parenContent);
    this.CONSUME(T.RParen);
  });

  private readonly sequenceCall = (): void => {
    this.SUBRULE(this.sequence);
  };

  readonly listAtom = this.RULE("listAtom", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(this.sequenceCall);
    this.CONSUME(T.RBracket);
  });

  /**
   * Items of a tuple or list, or the element and clauses of a comprehension. An item is
   * `*x`, `test` or `name := test` (the walrus is inlined; it is reported anyway).
   */
  readonly sequence = this.RULE("sequence", () => {
    this.OR(this.sequenceItemAlternatives[0] ?? []);
    this.MANY(this.comprehensionForCall);
    this.MANY2(this.moreSequenceItems);
    this.OPTION(this.trailingComma);
  });

  private readonly comprehensionForCall = (): void => {
    this.SUBRULE(this.comprehensionFor);
  };

  private readonly moreSequenceItems = (): void => {
    this.CONSUME(T.Comma);
    this.OR2(this.sequenceItemAlternatives[1] ?? []);
  };

  readonly braceAtom = this.RULE("braceAtom", () => {
    this.CONSUME(T.LBrace);
    this.OPTION(this.braceItems);
    this.CONSUME(T.RBrace);
  });

  private readonly braceItems = (): void => {
    this.SUBRULE(this.braceItem);
    this.MANY(this.comprehensionForCall);
    this.MANY2(this.moreBraceItems);
    this.OPTION2(this.trailingComma);
  };

  private readonly moreBraceItems = (): void => {
    this.CONSUME(T.Comma);
    this.SUBRULE2(this.braceItem);
  };

  private readonly braceItemAlternatives: Alternatives = [
    {
      ALT: () => {
        this.CONSUME(T.DoubleStar);
        this.SUBRULE(this.disjunction);
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.Star);
        this.SUBRULE2(this.disjunction);
      },
    },
    {
      ALT: () => {
        this.SUBRULE(this.namedExpression);
        this.OPTION(this.dictValue);
      },
    },
  ];

  private readonly dictValue = (): void => {
    this.CONSUME(T.Colon);
    this.SUBRULE(this.test);
  };

  /** `key: value` (dict), `value` (set), `**mapping` or `*iterable`. */
  readonly braceItem = this.RULE("braceItem", () => {
    this.OR(this.braceItemAlternatives);
  });

  /** `[async] for targets in iterable (if condition)*` */
  readonly comprehensionFor = this.RULE("comprehensionFor", () => {
    this.OPTION(this.asyncKeyword);
    this.CONSUME(T.For);
    this.SUBRULE(this.targetList);
    this.CONSUME(T.In);
    this.SUBRULE(this.disjunction);
    this.MANY(this.comprehensionIf);
  });

  private readonly asyncKeyword = (): void => {
    this.CONSUME(T.Async);
  };

  private readonly comprehensionIf = (): void => {
    this.CONSUME(T.If);
    this.SUBRULE2(this.disjunction);
  };

  /** The two occurrences of a loop target item: `*operand` or `operand`. */
  private readonly targetItemAlternatives: readonly Alternatives[] = [1, 2].map(
    (n) => [
      {
        ALT: () => {
          this.consume(n, T.Star);
          this.subrule(n, this.operand);
        },
      },
      { ALT: () => this.subrule(n + 2, this.operand) },
    ],
  );

  private readonly moreTargets = (): void => {
    this.CONSUME(T.Comma);
    this.or(2, this.targetItemAlternatives[1] ?? []);
  };

  /** Loop targets: operands only, so `in` is not taken as a comparison. */
  readonly targetList = this.RULE("targetList", () => {
    // `or(1, …)`, not `OR`: the same call, but the recorded grammar (and so the generated
    // diagrams) keeps the explicit occurrence index.
    this.or(1, this.targetItemAlternatives[0] ?? []);
    this.MANY(this.moreTargets);
    this.OPTION(this.trailingComma);
  });

  // ---------------------------------------------------------------- gates

  /** `match x:` / `case …:` at statement start: a soft keyword, a top-level `:` later on the line. */
  private isSoftKeywordStatement(): boolean {
    const first = this.LA(1);
    if (first.tokenType !== T.Name || !softKeywords.has(first.image))
      return false;
    const second = this.LA(2).tokenType;
    if (
      second === T.Equals ||
      second === T.Colon ||
      second === T.Dot ||
      second === T.AugmentedAssign ||
      second === T.Newline
    ) {
      return false;
    }
    let depth = 0;
    for (let i = 2; ; i++) {
      const type = this.LA(i).tokenType;
      if (
        type === EOF ||
        type === T.Newline ||
        (type === T.Semicolon && depth === 0)
      )
        return false;
      if (type === T.LParen || type === T.LBracket || type === T.LBrace)
        depth++;
      else if (type === T.RParen || type === T.RBracket || type === T.RBrace)
        depth--;
      else if (type === T.Colon && depth === 0) return true;
    }
  }

  /**
   * CPython tries `with ( item, … ) :` first and falls back to a parenthesised
   * expression; the first form applies when the matching `)` is followed by `:` and the
   * parentheses hold at least one item and no generator, `yield`, walrus or starred item.
   */
  private isParenthesizedWithItems(): boolean {
    if (this.LA(1).tokenType !== T.LParen || this.LA(2).tokenType === T.RParen)
      return false;
    let depth = 0;
    for (let i = 1; ; i++) {
      const type = this.LA(i).tokenType;
      if (type === EOF || type === T.Newline) return false;
      if (type === T.LParen || type === T.LBracket || type === T.LBrace)
        depth++;
      else if (type === T.RParen || type === T.RBracket || type === T.RBrace) {
        depth--;
        if (depth === 0) return this.LA(i + 1).tokenType === T.Colon;
      } else if (
        depth === 1 &&
        (type === T.For || type === T.Yield || type === T.Walrus)
      )
        return false;
      else if (
        depth === 1 &&
        type === T.Star &&
        (this.LA(i - 1).tokenType === T.LParen ||
          this.LA(i - 1).tokenType === T.Comma)
      ) {
        return false;
      }
    }
  }
}
