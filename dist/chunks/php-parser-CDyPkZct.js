#!/usr/bin/env node
import { g as getDefaultExportFromCjs } from './commonjs-helpers-ssJR5O3t.js';

function _mergeNamespaces(n, m) {
  m.forEach(function (e) {
    e && typeof e !== 'string' && !Array.isArray(e) && Object.keys(e).forEach(function (k) {
      if (k !== 'default' && !(k in n)) {
        var d = Object.getOwnPropertyDescriptor(e, k);
        Object.defineProperty(n, k, d.get ? d : {
          enumerable: true,
          get: function () { return e[k]; }
        });
      }
    });
  });
  return Object.freeze(n);
}

var src = {exports: {}};

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var attribute$1;
var hasRequiredAttribute$1;

function requireAttribute$1 () {
	if (hasRequiredAttribute$1) return attribute$1;
	hasRequiredAttribute$1 = 1;

	attribute$1 = {
	  attributeIndex: 0,
	  attributeListDepth: {},
	  matchST_ATTRIBUTE() {
	    const ch = this.input();
	    if (this.is_WHITESPACE()) {
	      do {
	        this.input();
	      } while (this.is_WHITESPACE());
	      this.unput(1);
	      return null;
	    }
	    switch (ch) {
	      case "]":
	        if (this.attributeListDepth[this.attributeIndex] === 0) {
	          delete this.attributeListDepth[this.attributeIndex];
	          this.attributeIndex--;
	          this.popState();
	        } else {
	          /* istanbul ignore next */
	          this.attributeListDepth[this.attributeIndex]--;
	        }
	        return "]";
	      case "(":
	      case ")":
	      case ":":
	      case "=":
	      case ";":
	      case "|":
	      case "&":
	      case "^":
	      case "-":
	      case "+":
	      case "*":
	      case "%":
	      case "~":
	      case "<":
	      case ">":
	      case "!":
	      case ".":
	      case "{":
	      case "}":
	      case "$":
	        return this.consume_TOKEN();
	      case "[":
	        this.attributeListDepth[this.attributeIndex]++;
	        return "[";
	      case ",":
	        return ",";
	      case '"':
	        return this.ST_DOUBLE_QUOTES();
	      case "'":
	        return this.T_CONSTANT_ENCAPSED_STRING();
	      case "/":
	        if (this._input[this.offset] === "/") {
	          return this.T_COMMENT();
	        } else if (this._input[this.offset] === "*") {
	          this.input();
	          return this.T_DOC_COMMENT();
	        } else {
	          return this.consume_TOKEN();
	        }
	    }
	    if (this.is_LABEL_START() || ch === "\\") {
	      while (this.offset < this.size) {
	        const ch = this.input();
	        if (!(this.is_LABEL() || ch === "\\")) {
	          if (ch) this.unput(1);
	          break;
	        }
	      }
	      return this.T_STRING();
	    } else if (this.is_NUM()) {
	      return this.consume_NUM();
	    }

	    /* istanbul ignore next */
	    throw new Error(
	      `Bad terminal sequence "${ch}" at line ${this.yylineno} (offset ${this.offset})`,
	    );
	  },
	};
	return attribute$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var comments;
var hasRequiredComments;

function requireComments () {
	if (hasRequiredComments) return comments;
	hasRequiredComments = 1;

	comments = {
	  /*
	   * Reads a single line comment
	   */
	  T_COMMENT() {
	    while (this.offset < this.size) {
	      const ch = this.input();
	      if (ch === "\n" || ch === "\r") {
	        return this.tok.T_COMMENT;
	      } else if (
	        ch === "?" &&
	        !this.aspTagMode &&
	        this._input[this.offset] === ">"
	      ) {
	        this.unput(1);
	        return this.tok.T_COMMENT;
	      } else if (
	        ch === "%" &&
	        this.aspTagMode &&
	        this._input[this.offset] === ">"
	      ) {
	        this.unput(1);
	        return this.tok.T_COMMENT;
	      }
	    }
	    return this.tok.T_COMMENT;
	  },
	  /*
	   * Behaviour : https://github.com/php/php-src/blob/master/Zend/zend_language_scanner.l#L1927
	   */
	  T_DOC_COMMENT() {
	    let ch = this.input();
	    let token = this.tok.T_COMMENT;
	    if (ch === "*") {
	      // started with '/*' , check is next is '*'
	      ch = this.input();
	      if (this.is_WHITESPACE()) {
	        // check if next is WHITESPACE
	        token = this.tok.T_DOC_COMMENT;
	      }
	      if (ch === "/") {
	        return token;
	      } else {
	        this.unput(1); // reset
	      }
	    }
	    while (this.offset < this.size) {
	      ch = this.input();
	      if (ch === "*" && this._input[this.offset] === "/") {
	        this.input();
	        break;
	      }
	    }
	    return token;
	  },
	};
	return comments;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var initial;
var hasRequiredInitial;

function requireInitial () {
	if (hasRequiredInitial) return initial;
	hasRequiredInitial = 1;

	initial = {
	  nextINITIAL() {
	    if (
	      this.conditionStack.length > 1 &&
	      this.conditionStack[this.conditionStack.length - 1] === "INITIAL"
	    ) {
	      // Return to HEREDOC/ST_DOUBLE_QUOTES mode
	      this.popState();
	    } else {
	      this.begin("ST_IN_SCRIPTING");
	    }
	    return this;
	  },
	  matchINITIAL() {
	    while (this.offset < this.size) {
	      let ch = this.input();
	      if (ch == "<") {
	        ch = this.ahead(1);
	        if (ch == "?") {
	          if (this.tryMatch("?=")) {
	            this.unput(1)
	              .appendToken(this.tok.T_OPEN_TAG_WITH_ECHO, 3)
	              .nextINITIAL();
	            break;
	          } else if (this.tryMatchCaseless("?php")) {
	            ch = this._input[this.offset + 4];
	            if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
	              this.unput(1).appendToken(this.tok.T_OPEN_TAG, 6).nextINITIAL();
	              break;
	            }
	          }
	          if (this.short_tags) {
	            this.unput(1).appendToken(this.tok.T_OPEN_TAG, 2).nextINITIAL();
	            break;
	          }
	        } else if (this.asp_tags && ch == "%") {
	          if (this.tryMatch("%=")) {
	            this.aspTagMode = true;
	            this.unput(1)
	              .appendToken(this.tok.T_OPEN_TAG_WITH_ECHO, 3)
	              .nextINITIAL();
	            break;
	          } else {
	            this.aspTagMode = true;
	            this.unput(1).appendToken(this.tok.T_OPEN_TAG, 2).nextINITIAL();
	            break;
	          }
	        }
	      }
	    }
	    if (this.yytext.length > 0) {
	      return this.tok.T_INLINE_HTML;
	    } else {
	      return false;
	    }
	  },
	};
	return initial;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var numbers;
var hasRequiredNumbers;

function requireNumbers () {
	if (hasRequiredNumbers) return numbers;
	hasRequiredNumbers = 1;

	/* istanbul ignore else  */
	let MAX_LENGTH_OF_LONG = 10;
	let long_min_digits = "2147483648";
	if (process.arch == "x64") {
	  MAX_LENGTH_OF_LONG = 19;
	  long_min_digits = "9223372036854775808";
	}

	numbers = {
	  consume_NUM() {
	    let ch = this.yytext[0];
	    let hasPoint = ch === ".";
	    if (ch === "0") {
	      ch = this.input();
	      // check if hexa
	      if (ch === "x" || ch === "X") {
	        ch = this.input();
	        if (ch !== "_" && this.is_HEX()) {
	          return this.consume_HNUM();
	        } else {
	          this.unput(ch ? 2 : 1);
	        }
	        // check binary notation
	      } else if (ch === "b" || ch === "B") {
	        ch = this.input();
	        if ((ch !== "_" && ch === "0") || ch === "1") {
	          return this.consume_BNUM();
	        } else {
	          this.unput(ch ? 2 : 1);
	        }
	      } else if (ch === "o" || ch === "O") {
	        ch = this.input();
	        if (ch !== "_" && this.is_OCTAL()) {
	          return this.consume_ONUM();
	        } else {
	          this.unput(ch ? 2 : 1);
	        }
	      } else if (!this.is_NUM()) {
	        if (ch) this.unput(1);
	      }
	    }

	    while (this.offset < this.size) {
	      const prev = ch;
	      ch = this.input();

	      if (ch === "_") {
	        if (prev === "_") {
	          // restriction : next to underscore / 1__1;
	          this.unput(2); // keep 1
	          break;
	        }
	        if (prev === ".") {
	          // next to decimal point  "1._0"
	          this.unput(1); // keep 1.
	          break;
	        }
	        if (prev === "e" || prev === "E") {
	          // next to e "1e_10"
	          this.unput(2); // keep 1
	          break;
	        }
	      } else if (ch === ".") {
	        if (hasPoint) {
	          // no multiple points "1.0.5"
	          this.unput(1); // keep 1.0
	          break;
	        }
	        if (prev === "_") {
	          // next to decimal point  "1_.0"
	          this.unput(2); // keep 1
	          break;
	        }
	        hasPoint = true;
	        continue;
	      } else if (ch === "e" || ch === "E") {
	        if (prev === "_") {
	          // next to e "1_e10"
	          this.unput(1);
	          break;
	        }
	        let undo = 2;
	        ch = this.input();
	        if (ch === "+" || ch === "-") {
	          // 1e-5
	          undo = 3;
	          ch = this.input();
	        }
	        if (this.is_NUM_START()) {
	          this.consume_LNUM();
	          return this.tok.T_DNUMBER;
	        }
	        this.unput(ch ? undo : undo - 1); // keep only 1
	        break;
	      }

	      if (!this.is_NUM()) {
	        // example : 10.0a
	        if (ch) this.unput(1); // keep 10.0
	        break;
	      }
	    }

	    if (hasPoint) {
	      return this.tok.T_DNUMBER;
	    } else if (this.yytext.length < MAX_LENGTH_OF_LONG - 1) {
	      return this.tok.T_LNUMBER;
	    } else {
	      if (
	        this.yytext.length < MAX_LENGTH_OF_LONG ||
	        (this.yytext.length == MAX_LENGTH_OF_LONG &&
	          this.yytext < long_min_digits)
	      ) {
	        return this.tok.T_LNUMBER;
	      }
	      return this.tok.T_DNUMBER;
	    }
	  },
	  // read hexa
	  consume_HNUM() {
	    while (this.offset < this.size) {
	      const ch = this.input();
	      if (!this.is_HEX()) {
	        if (ch) this.unput(1);
	        break;
	      }
	    }
	    return this.tok.T_LNUMBER;
	  },
	  // read a generic number
	  consume_LNUM() {
	    while (this.offset < this.size) {
	      const ch = this.input();
	      if (!this.is_NUM()) {
	        if (ch) this.unput(1);
	        break;
	      }
	    }
	    return this.tok.T_LNUMBER;
	  },
	  // read binary
	  consume_BNUM() {
	    let ch;
	    while (this.offset < this.size) {
	      ch = this.input();
	      if (ch !== "0" && ch !== "1" && ch !== "_") {
	        if (ch) this.unput(1);
	        break;
	      }
	    }
	    return this.tok.T_LNUMBER;
	  },
	  // read an octal number
	  consume_ONUM() {
	    while (this.offset < this.size) {
	      const ch = this.input();
	      if (!this.is_OCTAL()) {
	        if (ch) this.unput(1);
	        break;
	      }
	    }
	    return this.tok.T_LNUMBER;
	  },
	};
	return numbers;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var property$1;
var hasRequiredProperty$1;

function requireProperty$1 () {
	if (hasRequiredProperty$1) return property$1;
	hasRequiredProperty$1 = 1;

	property$1 = {
	  matchST_LOOKING_FOR_PROPERTY() {
	    let ch = this.input();
	    if (ch === "-") {
	      ch = this.input();
	      if (ch === ">") {
	        // https://github.com/php/php-src/blob/master/Zend/zend_language_scanner.l#L1296
	        return this.tok.T_OBJECT_OPERATOR;
	      }
	      if (ch) this.unput(1);
	    } else if (this.is_WHITESPACE()) {
	      return this.tok.T_WHITESPACE;
	    } else if (this.is_LABEL_START()) {
	      // https://github.com/php/php-src/blob/master/Zend/zend_language_scanner.l#L1300
	      this.consume_LABEL();
	      this.popState();
	      return this.tok.T_STRING;
	    }
	    // https://github.com/php/php-src/blob/master/Zend/zend_language_scanner.l#L1306
	    this.popState();
	    if (ch) this.unput(1);
	    return false;
	  },
	  matchST_LOOKING_FOR_VARNAME() {
	    let ch = this.input();

	    // SHIFT STATE
	    this.popState();
	    this.begin("ST_IN_SCRIPTING");

	    if (this.is_LABEL_START()) {
	      this.consume_LABEL();
	      ch = this.input();
	      if (ch === "[" || ch === "}") {
	        this.unput(1);
	        return this.tok.T_STRING_VARNAME;
	      } else {
	        // any char (that's started with a label sequence)
	        this.unput(this.yytext.length);
	      }
	    } else {
	      // any char (thats not a label start sequence)
	      if (ch) this.unput(1);
	    }
	    // stops looking for a varname and starts the scripting mode
	    return false;
	  },
	  matchST_VAR_OFFSET() {
	    const ch = this.input();
	    if (this.is_NUM_START()) {
	      this.consume_NUM();
	      return this.tok.T_NUM_STRING;
	    } else if (ch === "]") {
	      this.popState();
	      return "]";
	    } else if (ch === "$") {
	      this.input();
	      if (this.is_LABEL_START()) {
	        this.consume_LABEL();
	        return this.tok.T_VARIABLE;
	      } else {
	        /* istanbul ignore next */
	        throw new Error("Unexpected terminal");
	      }
	    } else if (this.is_LABEL_START()) {
	      this.consume_LABEL();
	      return this.tok.T_STRING;
	    } else if (
	      this.is_WHITESPACE() ||
	      ch === "\\" ||
	      ch === "'" ||
	      ch === "#"
	    ) {
	      return this.tok.T_ENCAPSED_AND_WHITESPACE;
	    } else if (
	      ch === "[" ||
	      ch === "{" ||
	      ch === "}" ||
	      ch === '"' ||
	      ch === "`" ||
	      this.is_TOKEN()
	    ) {
	      return ch;
	    } else {
	      /* istanbul ignore next */
	      throw new Error("Unexpected terminal");
	    }
	  },
	};
	return property$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var scripting;
var hasRequiredScripting;

function requireScripting () {
	if (hasRequiredScripting) return scripting;
	hasRequiredScripting = 1;

	scripting = {
	  matchST_IN_SCRIPTING() {
	    let ch = this.input();
	    switch (ch) {
	      case " ":
	      case "\t":
	      case "\n":
	      case "\r":
	      case "\r\n":
	        return this.T_WHITESPACE();
	      case "#":
	        if (this.version >= 800 && this._input[this.offset] === "[") {
	          this.input();
	          this.attributeListDepth[++this.attributeIndex] = 0;
	          this.begin("ST_ATTRIBUTE");
	          return this.tok.T_ATTRIBUTE;
	        }
	        return this.T_COMMENT();
	      case "/":
	        if (this._input[this.offset] === "/") {
	          return this.T_COMMENT();
	        } else if (this._input[this.offset] === "*") {
	          this.input();
	          return this.T_DOC_COMMENT();
	        }
	        return this.consume_TOKEN();
	      case "'":
	        return this.T_CONSTANT_ENCAPSED_STRING();
	      case '"':
	        return this.ST_DOUBLE_QUOTES();
	      case "`":
	        this.begin("ST_BACKQUOTE");
	        return "`";
	      case "?":
	        if (!this.aspTagMode && this.tryMatch(">")) {
	          this.input();
	          const nextCH = this._input[this.offset];
	          if (nextCH === "\n" || nextCH === "\r") this.input();
	          if (this.conditionStack.length > 1) {
	            this.begin("INITIAL");
	          }
	          return this.tok.T_CLOSE_TAG;
	        }
	        return this.consume_TOKEN();
	      case "%":
	        if (this.aspTagMode && this._input[this.offset] === ">") {
	          this.input(); // consume the '>'
	          ch = this._input[this.offset]; // read next
	          if (ch === "\n" || ch === "\r") {
	            this.input(); // consume the newline
	          }
	          this.aspTagMode = false;
	          if (this.conditionStack.length > 1) {
	            this.begin("INITIAL");
	          }
	          return this.tok.T_CLOSE_TAG;
	        }
	        return this.consume_TOKEN();
	      case "{":
	        this.begin("ST_IN_SCRIPTING");
	        return "{";
	      case "}":
	        if (this.conditionStack.length > 2) {
	          // Return to HEREDOC/ST_DOUBLE_QUOTES mode
	          this.popState();
	        }
	        return "}";
	      default:
	        if (ch === ".") {
	          ch = this.input();
	          if (this.is_NUM_START()) {
	            return this.consume_NUM();
	          } else {
	            if (ch) this.unput(1);
	          }
	        }
	        if (this.is_NUM_START()) {
	          return this.consume_NUM();
	        } else if (this.is_LABEL_START()) {
	          return this.consume_LABEL().T_STRING();
	        } else if (this.is_TOKEN()) {
	          return this.consume_TOKEN();
	        }
	    }
	    throw new Error(
	      'Bad terminal sequence "' +
	        ch +
	        '" at line ' +
	        this.yylineno +
	        " (offset " +
	        this.offset +
	        ")",
	    );
	  },

	  T_WHITESPACE() {
	    while (this.offset < this.size) {
	      const ch = this.input();
	      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
	        continue;
	      }
	      if (ch) this.unput(1);
	      break;
	    }
	    return this.tok.T_WHITESPACE;
	  },
	};
	return scripting;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var strings;
var hasRequiredStrings;

function requireStrings () {
	if (hasRequiredStrings) return strings;
	hasRequiredStrings = 1;

	const newline = ["\n", "\r"];
	const valid_after_heredoc = ["\n", "\r", ";"];
	const valid_after_heredoc_73 = valid_after_heredoc.concat([
	  "\t",
	  " ",
	  ",",
	  "]",
	  ")",
	  "/",
	  "=",
	  "!",
	  ".",
	]);

	strings = {
	  T_CONSTANT_ENCAPSED_STRING() {
	    let ch;
	    while (this.offset < this.size) {
	      ch = this.input();
	      if (ch == "\\") {
	        this.input();
	      } else if (ch == "'") {
	        break;
	      }
	    }
	    return this.tok.T_CONSTANT_ENCAPSED_STRING;
	  },
	  // check if matching a HEREDOC state
	  is_HEREDOC() {
	    const revert = this.offset;
	    if (
	      this._input[this.offset - 1] === "<" &&
	      this._input[this.offset] === "<" &&
	      this._input[this.offset + 1] === "<"
	    ) {
	      this.offset += 3;

	      // optional tabs / spaces
	      if (this.is_TABSPACE()) {
	        while (this.offset < this.size) {
	          this.offset++;
	          if (!this.is_TABSPACE()) {
	            break;
	          }
	        }
	      }

	      // optional quotes
	      let tChar = this._input[this.offset - 1];
	      if (tChar === "'" || tChar === '"') {
	        this.offset++;
	      } else {
	        tChar = null;
	      }

	      // required label
	      if (this.is_LABEL_START()) {
	        let yyoffset = this.offset - 1;
	        while (this.offset < this.size) {
	          this.offset++;
	          if (!this.is_LABEL()) {
	            break;
	          }
	        }
	        const yylabel = this._input.substring(yyoffset, this.offset - 1);
	        if (!tChar || tChar === this._input[this.offset - 1]) {
	          // required ending quote
	          if (tChar) this.offset++;
	          // require newline
	          if (newline.includes(this._input[this.offset - 1])) {
	            // go go go
	            this.heredoc_label.label = yylabel;
	            this.heredoc_label.length = yylabel.length;
	            this.heredoc_label.finished = false;
	            yyoffset = this.offset - revert;
	            this.offset = revert;
	            this.consume(yyoffset);
	            if (tChar === "'") {
	              this.begin("ST_NOWDOC");
	            } else {
	              this.begin("ST_HEREDOC");
	            }
	            // prematch to get the indentation information from end of doc
	            this.prematch_ENDOFDOC();
	            return this.tok.T_START_HEREDOC;
	          }
	        }
	      }
	    }
	    this.offset = revert;
	    return false;
	  },
	  ST_DOUBLE_QUOTES() {
	    let ch;
	    while (this.offset < this.size) {
	      ch = this.input();
	      if (ch == "\\") {
	        this.input();
	      } else if (ch == '"') {
	        break;
	      } else if (ch == "$") {
	        ch = this.input();
	        if (ch == "{" || this.is_LABEL_START()) {
	          this.unput(2);
	          break;
	        }
	        if (ch) this.unput(1);
	      } else if (ch == "{") {
	        ch = this.input();
	        if (ch == "$") {
	          this.unput(2);
	          break;
	        }
	        if (ch) this.unput(1);
	      }
	    }
	    if (ch == '"') {
	      return this.tok.T_CONSTANT_ENCAPSED_STRING;
	    } else {
	      let prefix = 1;
	      if (this.yytext[0] === "b" || this.yytext[0] === "B") {
	        prefix = 2;
	      }
	      if (this.yytext.length > 2) {
	        this.appendToken(
	          this.tok.T_ENCAPSED_AND_WHITESPACE,
	          this.yytext.length - prefix,
	        );
	      }
	      this.unput(this.yytext.length - prefix);
	      this.begin("ST_DOUBLE_QUOTES");
	      return this.yytext;
	    }
	  },

	  // check if its a DOC end sequence
	  isDOC_MATCH(offset, consumeLeadingSpaces) {
	    // @fixme : check if out of text limits

	    // consumeLeadingSpaces is false happen DOC prematch END HEREDOC stage.

	    // Ensure current state is really after a new line break, not after a such as ${variables}
	    const prev_ch = this._input[offset - 2];
	    if (!newline.includes(prev_ch)) {
	      return false;
	    }

	    // skip leading spaces or tabs
	    let indentation_uses_spaces = false;
	    let indentation_uses_tabs = false;
	    // reset heredoc_label structure
	    let indentation = 0;
	    let leading_ch = this._input[offset - 1];

	    if (this.version >= 703) {
	      while (leading_ch === "\t" || leading_ch === " ") {
	        if (leading_ch === " ") {
	          indentation_uses_spaces = true;
	        } else if (leading_ch === "\t") {
	          indentation_uses_tabs = true;
	        }

	        leading_ch = this._input[offset + indentation];
	        indentation++;
	      }

	      // Move offset to skip leading whitespace
	      offset = offset + indentation;

	      // return out if there was only whitespace on this line
	      if (newline.includes(this._input[offset - 1])) {
	        return false;
	      }
	    }

	    if (
	      this._input.substring(
	        offset - 1,
	        offset - 1 + this.heredoc_label.length,
	      ) === this.heredoc_label.label
	    ) {
	      const ch = this._input[offset - 1 + this.heredoc_label.length];
	      if (
	        (this.version >= 703
	          ? valid_after_heredoc_73
	          : valid_after_heredoc
	        ).includes(ch)
	      ) {
	        if (consumeLeadingSpaces) {
	          this.consume(indentation);
	          // https://wiki.php.net/rfc/flexible_heredoc_nowdoc_syntaxes
	          if (indentation_uses_spaces && indentation_uses_tabs) {
	            throw new Error(
	              "Parse error:  mixing spaces and tabs in ending marker at line " +
	                this.yylineno +
	                " (offset " +
	                this.offset +
	                ")",
	            );
	          }
	        } else {
	          // Called in prematch_ENDOFDOC
	          this.heredoc_label.indentation = indentation;
	          this.heredoc_label.indentation_uses_spaces = indentation_uses_spaces;
	          this.heredoc_label.first_encaps_node = true;
	        }
	        return true;
	      }
	    }

	    return false;
	  },

	  /*
	   * Prematch the end of HEREDOC/NOWDOC end tag to preset the
	   * context of this.heredoc_label
	   */
	  prematch_ENDOFDOC() {
	    // reset heredoc
	    this.heredoc_label.indentation_uses_spaces = false;
	    this.heredoc_label.indentation = 0;
	    this.heredoc_label.first_encaps_node = true;
	    let offset = this.offset + 1;

	    while (offset < this._input.length) {
	      // if match heredoc_label structrue will be set
	      if (this.isDOC_MATCH(offset, false)) {
	        return;
	      }

	      if (!newline.includes(this._input[offset - 1])) {
	        // skip one line
	        while (
	          !newline.includes(this._input[offset++]) &&
	          offset < this._input.length
	        ) {
	          // skip
	        }
	      }

	      offset++;
	    }
	  },

	  matchST_NOWDOC() {
	    // edge case : empty now doc
	    if (this.isDOC_MATCH(this.offset, true)) {
	      // @fixme : never reached (may be caused by quotes)
	      this.consume(this.heredoc_label.length);
	      this.popState();
	      return this.tok.T_END_HEREDOC;
	    }
	    // SCANNING CONTENTS
	    let ch = this._input[this.offset - 1];
	    while (this.offset < this.size) {
	      if (newline.includes(ch)) {
	        ch = this.input();
	        if (this.isDOC_MATCH(this.offset, true)) {
	          this.unput(1).popState();
	          this.appendToken(this.tok.T_END_HEREDOC, this.heredoc_label.length);
	          return this.tok.T_ENCAPSED_AND_WHITESPACE;
	        }
	      } else {
	        ch = this.input();
	      }
	    }
	    // too bad ! reached end of document (will get a parse error)
	    return this.tok.T_ENCAPSED_AND_WHITESPACE;
	  },

	  matchST_HEREDOC() {
	    // edge case : empty here doc
	    let ch = this.input();
	    if (this.isDOC_MATCH(this.offset, true)) {
	      this.consume(this.heredoc_label.length - 1);
	      this.popState();
	      return this.tok.T_END_HEREDOC;
	    }
	    // SCANNING CONTENTS
	    while (this.offset < this.size) {
	      if (ch === "\\") {
	        ch = this.input(); // ignore next
	        if (!newline.includes(ch)) {
	          ch = this.input();
	        }
	      }

	      if (newline.includes(ch)) {
	        ch = this.input();
	        if (this.isDOC_MATCH(this.offset, true)) {
	          this.unput(1).popState();
	          this.appendToken(this.tok.T_END_HEREDOC, this.heredoc_label.length);
	          return this.tok.T_ENCAPSED_AND_WHITESPACE;
	        }
	      } else if (ch === "$") {
	        ch = this.input();
	        if (ch === "{") {
	          // start of ${
	          this.begin("ST_LOOKING_FOR_VARNAME");
	          if (this.yytext.length > 2) {
	            this.appendToken(this.tok.T_DOLLAR_OPEN_CURLY_BRACES, 2);
	            this.unput(2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            return this.tok.T_DOLLAR_OPEN_CURLY_BRACES;
	          }
	        } else if (this.is_LABEL_START()) {
	          // start of $var...
	          const yyoffset = this.offset;
	          const next = this.consume_VARIABLE();
	          if (this.yytext.length > this.offset - yyoffset + 2) {
	            this.appendToken(next, this.offset - yyoffset + 2);
	            this.unput(this.offset - yyoffset + 2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            return next;
	          }
	          //console.log(this.yytext);
	        }
	      } else if (ch === "{") {
	        ch = this.input();
	        if (ch === "$") {
	          // start of {$...
	          this.begin("ST_IN_SCRIPTING");
	          if (this.yytext.length > 2) {
	            this.appendToken(this.tok.T_CURLY_OPEN, 1);
	            this.unput(2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            this.unput(1);
	            return this.tok.T_CURLY_OPEN;
	          }
	        }
	      } else {
	        ch = this.input();
	      }
	    }

	    // too bad ! reached end of document (will get a parse error)
	    return this.tok.T_ENCAPSED_AND_WHITESPACE;
	  },

	  consume_VARIABLE() {
	    this.consume_LABEL();
	    const ch = this.input();
	    if (ch == "[") {
	      this.unput(1);
	      this.begin("ST_VAR_OFFSET");
	      return this.tok.T_VARIABLE;
	    } else if (ch === "-") {
	      if (this.input() === ">") {
	        this.input();
	        if (this.is_LABEL_START()) {
	          this.begin("ST_LOOKING_FOR_PROPERTY");
	        }
	        this.unput(3);
	        return this.tok.T_VARIABLE;
	      } else {
	        this.unput(2);
	      }
	    } else {
	      if (ch) this.unput(1);
	    }
	    return this.tok.T_VARIABLE;
	  },
	  // HANDLES BACKQUOTES
	  matchST_BACKQUOTE() {
	    let ch = this.input();
	    if (ch === "$") {
	      ch = this.input();
	      if (ch === "{") {
	        this.begin("ST_LOOKING_FOR_VARNAME");
	        return this.tok.T_DOLLAR_OPEN_CURLY_BRACES;
	      } else if (this.is_LABEL_START()) {
	        const tok = this.consume_VARIABLE();
	        return tok;
	      }
	    } else if (ch === "{") {
	      if (this._input[this.offset] === "$") {
	        this.begin("ST_IN_SCRIPTING");
	        return this.tok.T_CURLY_OPEN;
	      }
	    } else if (ch === "`") {
	      this.popState();
	      return "`";
	    }

	    // any char
	    while (this.offset < this.size) {
	      if (ch === "\\") {
	        this.input();
	      } else if (ch === "`") {
	        this.unput(1);
	        this.popState();
	        this.appendToken("`", 1);
	        break;
	      } else if (ch === "$") {
	        ch = this.input();
	        if (ch === "{") {
	          this.begin("ST_LOOKING_FOR_VARNAME");
	          if (this.yytext.length > 2) {
	            this.appendToken(this.tok.T_DOLLAR_OPEN_CURLY_BRACES, 2);
	            this.unput(2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            return this.tok.T_DOLLAR_OPEN_CURLY_BRACES;
	          }
	        } else if (this.is_LABEL_START()) {
	          // start of $var...
	          const yyoffset = this.offset;
	          const next = this.consume_VARIABLE();
	          if (this.yytext.length > this.offset - yyoffset + 2) {
	            this.appendToken(next, this.offset - yyoffset + 2);
	            this.unput(this.offset - yyoffset + 2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            return next;
	          }
	        }
	        continue;
	      } else if (ch === "{") {
	        ch = this.input();
	        if (ch === "$") {
	          // start of {$...
	          this.begin("ST_IN_SCRIPTING");
	          if (this.yytext.length > 2) {
	            this.appendToken(this.tok.T_CURLY_OPEN, 1);
	            this.unput(2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            this.unput(1);
	            return this.tok.T_CURLY_OPEN;
	          }
	        }
	        continue;
	      }
	      ch = this.input();
	    }
	    return this.tok.T_ENCAPSED_AND_WHITESPACE;
	  },

	  matchST_DOUBLE_QUOTES() {
	    let ch = this.input();
	    if (ch === "$") {
	      ch = this.input();
	      if (ch === "{") {
	        this.begin("ST_LOOKING_FOR_VARNAME");
	        return this.tok.T_DOLLAR_OPEN_CURLY_BRACES;
	      } else if (this.is_LABEL_START()) {
	        const tok = this.consume_VARIABLE();
	        return tok;
	      }
	    } else if (ch === "{") {
	      if (this._input[this.offset] === "$") {
	        this.begin("ST_IN_SCRIPTING");
	        return this.tok.T_CURLY_OPEN;
	      }
	    } else if (ch === '"') {
	      this.popState();
	      return '"';
	    }

	    // any char
	    while (this.offset < this.size) {
	      if (ch === "\\") {
	        this.input();
	      } else if (ch === '"') {
	        this.unput(1);
	        this.popState();
	        this.appendToken('"', 1);
	        break;
	      } else if (ch === "$") {
	        ch = this.input();
	        if (ch === "{") {
	          this.begin("ST_LOOKING_FOR_VARNAME");
	          if (this.yytext.length > 2) {
	            this.appendToken(this.tok.T_DOLLAR_OPEN_CURLY_BRACES, 2);
	            this.unput(2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            return this.tok.T_DOLLAR_OPEN_CURLY_BRACES;
	          }
	        } else if (this.is_LABEL_START()) {
	          // start of $var...
	          const yyoffset = this.offset;
	          const next = this.consume_VARIABLE();
	          if (this.yytext.length > this.offset - yyoffset + 2) {
	            this.appendToken(next, this.offset - yyoffset + 2);
	            this.unput(this.offset - yyoffset + 2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            return next;
	          }
	        }
	        if (ch) this.unput(1);
	      } else if (ch === "{") {
	        ch = this.input();
	        if (ch === "$") {
	          // start of {$...
	          this.begin("ST_IN_SCRIPTING");
	          if (this.yytext.length > 2) {
	            this.appendToken(this.tok.T_CURLY_OPEN, 1);
	            this.unput(2);
	            return this.tok.T_ENCAPSED_AND_WHITESPACE;
	          } else {
	            // @fixme : yytext = '"{$' (this.yytext.length > 3)
	            this.unput(1);
	            return this.tok.T_CURLY_OPEN;
	          }
	        }
	        if (ch) this.unput(1);
	      }
	      ch = this.input();
	    }
	    return this.tok.T_ENCAPSED_AND_WHITESPACE;
	  },
	};
	return strings;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var tokens;
var hasRequiredTokens$1;

function requireTokens$1 () {
	if (hasRequiredTokens$1) return tokens;
	hasRequiredTokens$1 = 1;

	tokens = {
	  T_STRING() {
	    const token = this.yytext.toLowerCase();
	    let id = this.keywords[token];
	    if (typeof id !== "number") {
	      if (token === "yield") {
	        if (this.version >= 700 && this.tryMatch(" from")) {
	          this.consume(5);
	          id = this.tok.T_YIELD_FROM;
	        } else {
	          id = this.tok.T_YIELD;
	        }
	      } else {
	        id = this.tok.T_STRING;
	        if (token === "b" || token === "B") {
	          const ch = this.input();
	          if (ch === '"') {
	            return this.ST_DOUBLE_QUOTES();
	          } else if (ch === "'") {
	            return this.T_CONSTANT_ENCAPSED_STRING();
	          } else if (ch) {
	            this.unput(1);
	          }
	        }
	      }
	    }

	    // https://github.com/php/php-src/blob/master/Zend/zend_language_scanner.l#L1546
	    if (id === this.tok.T_ENUM) {
	      if (this.version < 801) {
	        return this.tok.T_STRING;
	      }
	      const initial = this.offset;
	      let ch = this.input();
	      while (ch == " ") {
	        ch = this.input();
	      }
	      let isEnum = false;
	      if (this.is_LABEL_START()) {
	        while (this.is_LABEL()) {
	          ch += this.input();
	        }
	        const label = ch.slice(0, -1).toLowerCase();
	        isEnum = label !== "extends" && label !== "implements";
	      }

	      this.unput(this.offset - initial);
	      return isEnum ? this.tok.T_ENUM : this.tok.T_STRING;
	    }

	    if (this.offset < this.size && id !== this.tok.T_YIELD_FROM) {
	      // If immediately followed by a backslash, this is a T_NAME_RELATIVE or T_NAME_QUALIFIED.
	      let ch = this.input();
	      if (ch === "\\") {
	        id =
	          token === "namespace"
	            ? this.tok.T_NAME_RELATIVE
	            : this.tok.T_NAME_QUALIFIED;
	        do {
	          if (this._input[this.offset] === "{") {
	            // e.g. when using group use statements, the last '\\' is followed by a '{'
	            this.input();
	            break;
	          }

	          this.consume_LABEL();
	          ch = this.input();
	        } while (ch === "\\");
	      }

	      if (ch) {
	        this.unput(1);
	      }
	    }

	    return id;
	  },
	  // reads a custom token
	  consume_TOKEN() {
	    const ch = this._input[this.offset - 1];
	    const fn = this.tokenTerminals[ch];
	    if (fn) {
	      return fn.apply(this, []);
	    } else {
	      return this.yytext;
	    }
	  },
	  // list of special char tokens
	  tokenTerminals: {
	    $() {
	      this.offset++;
	      if (this.is_LABEL_START()) {
	        this.offset--;
	        this.consume_LABEL();
	        return this.tok.T_VARIABLE;
	      } else {
	        this.offset--;
	        return "$";
	      }
	    },
	    "-"() {
	      const nchar = this._input[this.offset];
	      if (nchar === ">") {
	        this.begin("ST_LOOKING_FOR_PROPERTY").input();
	        return this.tok.T_OBJECT_OPERATOR;
	      } else if (nchar === "-") {
	        this.input();
	        return this.tok.T_DEC;
	      } else if (nchar === "=") {
	        this.input();
	        return this.tok.T_MINUS_EQUAL;
	      }
	      return "-";
	    },
	    "\\"() {
	      if (this.offset < this.size) {
	        this.input();
	        if (this.is_LABEL_START()) {
	          let ch;
	          do {
	            if (this._input[this.offset] === "{") {
	              // e.g. when using group use statements, the last '\\' is followed by a '{'
	              this.input();
	              break;
	            }

	            this.consume_LABEL();
	            ch = this.input();
	          } while (ch === "\\");

	          this.unput(1);

	          return this.tok.T_NAME_FULLY_QUALIFIED;
	        } else {
	          this.unput(1);
	        }
	      }
	      return this.tok.T_NS_SEPARATOR;
	    },
	    "/"() {
	      if (this._input[this.offset] === "=") {
	        this.input();
	        return this.tok.T_DIV_EQUAL;
	      }
	      return "/";
	    },
	    ":"() {
	      if (this._input[this.offset] === ":") {
	        this.input();
	        return this.tok.T_DOUBLE_COLON;
	      } else {
	        return ":";
	      }
	    },
	    "("() {
	      const initial = this.offset;
	      this.input();
	      if (this.is_TABSPACE()) {
	        this.consume_TABSPACE().input();
	      }
	      if (this.is_LABEL_START()) {
	        const yylen = this.yytext.length;
	        this.consume_LABEL();
	        const castToken = this.yytext.substring(yylen - 1).toLowerCase();
	        const castId = this.castKeywords[castToken];
	        if (typeof castId === "number") {
	          this.input();
	          if (this.is_TABSPACE()) {
	            this.consume_TABSPACE().input();
	          }
	          if (this._input[this.offset - 1] === ")") {
	            return castId;
	          }
	        }
	      }
	      // revert the check
	      this.unput(this.offset - initial);
	      return "(";
	    },
	    "="() {
	      const nchar = this._input[this.offset];
	      if (nchar === ">") {
	        this.input();
	        return this.tok.T_DOUBLE_ARROW;
	      } else if (nchar === "=") {
	        if (this._input[this.offset + 1] === "=") {
	          this.consume(2);
	          return this.tok.T_IS_IDENTICAL;
	        } else {
	          this.input();
	          return this.tok.T_IS_EQUAL;
	        }
	      }
	      return "=";
	    },
	    "+"() {
	      const nchar = this._input[this.offset];
	      if (nchar === "+") {
	        this.input();
	        return this.tok.T_INC;
	      } else if (nchar === "=") {
	        this.input();
	        return this.tok.T_PLUS_EQUAL;
	      }
	      return "+";
	    },
	    "!"() {
	      if (this._input[this.offset] === "=") {
	        if (this._input[this.offset + 1] === "=") {
	          this.consume(2);
	          return this.tok.T_IS_NOT_IDENTICAL;
	        } else {
	          this.input();
	          return this.tok.T_IS_NOT_EQUAL;
	        }
	      }
	      return "!";
	    },
	    "?"() {
	      if (this.version >= 700 && this._input[this.offset] === "?") {
	        if (this.version >= 704 && this._input[this.offset + 1] === "=") {
	          this.consume(2);
	          return this.tok.T_COALESCE_EQUAL;
	        } else {
	          this.input();
	          return this.tok.T_COALESCE;
	        }
	      }
	      if (
	        this.version >= 800 &&
	        this._input[this.offset] === "-" &&
	        this._input[this.offset + 1] === ">"
	      ) {
	        this.consume(1);
	        this.begin("ST_LOOKING_FOR_PROPERTY").input();
	        return this.tok.T_NULLSAFE_OBJECT_OPERATOR;
	      }
	      return "?";
	    },
	    "<"() {
	      let nchar = this._input[this.offset];
	      if (nchar === "<") {
	        nchar = this._input[this.offset + 1];
	        if (nchar === "=") {
	          this.consume(2);
	          return this.tok.T_SL_EQUAL;
	        } else if (nchar === "<") {
	          if (this.is_HEREDOC()) {
	            return this.tok.T_START_HEREDOC;
	          }
	        }
	        this.input();
	        return this.tok.T_SL;
	      } else if (nchar === "=") {
	        this.input();
	        if (this.version >= 700 && this._input[this.offset] === ">") {
	          this.input();
	          return this.tok.T_SPACESHIP;
	        } else {
	          return this.tok.T_IS_SMALLER_OR_EQUAL;
	        }
	      } else if (nchar === ">") {
	        this.input();
	        return this.tok.T_IS_NOT_EQUAL;
	      }
	      return "<";
	    },
	    ">"() {
	      let nchar = this._input[this.offset];
	      if (nchar === "=") {
	        this.input();
	        return this.tok.T_IS_GREATER_OR_EQUAL;
	      } else if (nchar === ">") {
	        nchar = this._input[this.offset + 1];
	        if (nchar === "=") {
	          this.consume(2);
	          return this.tok.T_SR_EQUAL;
	        } else {
	          this.input();
	          return this.tok.T_SR;
	        }
	      }
	      return ">";
	    },
	    "*"() {
	      const nchar = this._input[this.offset];
	      if (nchar === "=") {
	        this.input();
	        return this.tok.T_MUL_EQUAL;
	      } else if (nchar === "*") {
	        this.input();
	        if (this._input[this.offset] === "=") {
	          this.input();
	          return this.tok.T_POW_EQUAL;
	        } else {
	          return this.tok.T_POW;
	        }
	      }
	      return "*";
	    },
	    "."() {
	      const nchar = this._input[this.offset];
	      if (nchar === "=") {
	        this.input();
	        return this.tok.T_CONCAT_EQUAL;
	      } else if (nchar === "." && this._input[this.offset + 1] === ".") {
	        this.consume(2);
	        return this.tok.T_ELLIPSIS;
	      }
	      return ".";
	    },
	    "%"() {
	      if (this._input[this.offset] === "=") {
	        this.input();
	        return this.tok.T_MOD_EQUAL;
	      }
	      return "%";
	    },
	    "&"() {
	      const nchar = this._input[this.offset];
	      if (nchar === "=") {
	        this.input();
	        return this.tok.T_AND_EQUAL;
	      } else if (nchar === "&") {
	        this.input();
	        return this.tok.T_BOOLEAN_AND;
	      }
	      return "&";
	    },
	    "|"() {
	      const nchar = this._input[this.offset];
	      if (nchar === "=") {
	        this.input();
	        return this.tok.T_OR_EQUAL;
	      } else if (nchar === "|") {
	        this.input();
	        return this.tok.T_BOOLEAN_OR;
	      } else if (nchar === ">") {
	        this.input();
	        return this.tok.T_PIPE;
	      }
	      return "|";
	    },
	    "^"() {
	      if (this._input[this.offset] === "=") {
	        this.input();
	        return this.tok.T_XOR_EQUAL;
	      }
	      return "^";
	    },
	  },
	};
	return tokens;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var utils$1;
var hasRequiredUtils$1;

function requireUtils$1 () {
	if (hasRequiredUtils$1) return utils$1;
	hasRequiredUtils$1 = 1;

	const tokens = ";:,.\\[]()|^&+-/*=%!~$<>?@";

	utils$1 = {
	  // check if the char can be a numeric
	  is_NUM() {
	    const ch = this._input.charCodeAt(this.offset - 1);
	    return (ch > 47 && ch < 58) || ch === 95;
	  },

	  // check if the char can be a numeric
	  is_NUM_START() {
	    const ch = this._input.charCodeAt(this.offset - 1);
	    return ch > 47 && ch < 58;
	  },

	  // check if current char can be a label
	  is_LABEL() {
	    const ch = this._input.charCodeAt(this.offset - 1);
	    return (
	      (ch > 96 && ch < 123) ||
	      (ch > 64 && ch < 91) ||
	      ch === 95 ||
	      (ch > 47 && ch < 58) ||
	      ch > 126
	    );
	  },

	  // check if current char can be a label
	  is_LABEL_START() {
	    const ch = this._input.charCodeAt(this.offset - 1);
	    // A - Z
	    if (ch > 64 && ch < 91) return true;
	    // a - z
	    if (ch > 96 && ch < 123) return true;
	    // _ (95)
	    if (ch === 95) return true;
	    // utf8 / extended
	    if (ch > 126) return true;
	    // else
	    return false;
	  },

	  // reads each char of the label
	  consume_LABEL() {
	    while (this.offset < this.size) {
	      const ch = this.input();
	      if (!this.is_LABEL()) {
	        if (ch) this.unput(1);
	        break;
	      }
	    }
	    return this;
	  },

	  // check if current char is a token char
	  is_TOKEN() {
	    const ch = this._input[this.offset - 1];
	    return tokens.indexOf(ch) !== -1;
	  },
	  // check if current char is a whitespace
	  is_WHITESPACE() {
	    const ch = this._input[this.offset - 1];
	    return ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
	  },
	  // check if current char is a whitespace (without newlines)
	  is_TABSPACE() {
	    const ch = this._input[this.offset - 1];
	    return ch === " " || ch === "\t";
	  },
	  // consume all whitespaces (excluding newlines)
	  consume_TABSPACE() {
	    while (this.offset < this.size) {
	      const ch = this.input();
	      if (!this.is_TABSPACE()) {
	        if (ch) this.unput(1);
	        break;
	      }
	    }
	    return this;
	  },
	  // check if current char can be a hexadecimal number
	  is_HEX() {
	    const ch = this._input.charCodeAt(this.offset - 1);
	    // 0 - 9
	    if (ch > 47 && ch < 58) return true;
	    // A - F
	    if (ch > 64 && ch < 71) return true;
	    // a - f
	    if (ch > 96 && ch < 103) return true;
	    // _ (code 95)
	    if (ch === 95) return true;
	    // else
	    return false;
	  },
	  // check if current char can be an octal number
	  is_OCTAL() {
	    const ch = this._input.charCodeAt(this.offset - 1);
	    // 0 - 7
	    if (ch > 47 && ch < 56) return true;
	    // _ (code 95)
	    if (ch === 95) return true;
	    // else
	    return false;
	  },
	};
	return utils$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var lexer;
var hasRequiredLexer;

function requireLexer () {
	if (hasRequiredLexer) return lexer;
	hasRequiredLexer = 1;

	/**
	 * This is the php lexer. It will tokenize the string for helping the
	 * parser to build the AST from its grammar.
	 *
	 * @constructor Lexer
	 * @memberOf module:php-parser
	 * @property {number} EOF
	 * @property {boolean} all_tokens defines if all tokens must be retrieved (used by token_get_all only)
	 * @property {boolean} comment_tokens extracts comments tokens
	 * @property {boolean} mode_eval enables the evald mode (ignore opening tags)
	 * @property {boolean} asp_tags disables by default asp tags mode
	 * @property {boolean} short_tags enables by default short tags mode
	 * @property {object} keywords List of php keyword
	 * @property {object} castKeywords List of php keywords for type casting
	 */
	const Lexer = function (engine) {
	  this.engine = engine;
	  this.tok = this.engine.tokens.names;
	  this.EOF = 1;
	  this.debug = false;
	  this.all_tokens = true;
	  this.comment_tokens = false;
	  this.mode_eval = false;
	  this.asp_tags = false;
	  this.short_tags = false;
	  this.version = 803;
	  this.yyprevcol = 0;
	  this.keywords = {
	    __class__: this.tok.T_CLASS_C,
	    __trait__: this.tok.T_TRAIT_C,
	    __function__: this.tok.T_FUNC_C,
	    __method__: this.tok.T_METHOD_C,
	    __line__: this.tok.T_LINE,
	    __file__: this.tok.T_FILE,
	    __dir__: this.tok.T_DIR,
	    __namespace__: this.tok.T_NS_C,
	    exit: this.tok.T_EXIT,
	    die: this.tok.T_EXIT,
	    function: this.tok.T_FUNCTION,
	    const: this.tok.T_CONST,
	    return: this.tok.T_RETURN,
	    try: this.tok.T_TRY,
	    catch: this.tok.T_CATCH,
	    finally: this.tok.T_FINALLY,
	    throw: this.tok.T_THROW,
	    if: this.tok.T_IF,
	    elseif: this.tok.T_ELSEIF,
	    endif: this.tok.T_ENDIF,
	    else: this.tok.T_ELSE,
	    while: this.tok.T_WHILE,
	    endwhile: this.tok.T_ENDWHILE,
	    do: this.tok.T_DO,
	    for: this.tok.T_FOR,
	    endfor: this.tok.T_ENDFOR,
	    foreach: this.tok.T_FOREACH,
	    endforeach: this.tok.T_ENDFOREACH,
	    declare: this.tok.T_DECLARE,
	    enddeclare: this.tok.T_ENDDECLARE,
	    instanceof: this.tok.T_INSTANCEOF,
	    as: this.tok.T_AS,
	    switch: this.tok.T_SWITCH,
	    endswitch: this.tok.T_ENDSWITCH,
	    case: this.tok.T_CASE,
	    default: this.tok.T_DEFAULT,
	    break: this.tok.T_BREAK,
	    continue: this.tok.T_CONTINUE,
	    goto: this.tok.T_GOTO,
	    echo: this.tok.T_ECHO,
	    print: this.tok.T_PRINT,
	    class: this.tok.T_CLASS,
	    interface: this.tok.T_INTERFACE,
	    trait: this.tok.T_TRAIT,
	    enum: this.tok.T_ENUM,
	    extends: this.tok.T_EXTENDS,
	    implements: this.tok.T_IMPLEMENTS,
	    new: this.tok.T_NEW,
	    clone: this.tok.T_CLONE,
	    var: this.tok.T_VAR,
	    eval: this.tok.T_EVAL,
	    include: this.tok.T_INCLUDE,
	    include_once: this.tok.T_INCLUDE_ONCE,
	    require: this.tok.T_REQUIRE,
	    require_once: this.tok.T_REQUIRE_ONCE,
	    namespace: this.tok.T_NAMESPACE,
	    use: this.tok.T_USE,
	    insteadof: this.tok.T_INSTEADOF,
	    global: this.tok.T_GLOBAL,
	    isset: this.tok.T_ISSET,
	    empty: this.tok.T_EMPTY,
	    __halt_compiler: this.tok.T_HALT_COMPILER,
	    static: this.tok.T_STATIC,
	    abstract: this.tok.T_ABSTRACT,
	    final: this.tok.T_FINAL,
	    private: this.tok.T_PRIVATE,
	    protected: this.tok.T_PROTECTED,
	    public: this.tok.T_PUBLIC,
	    unset: this.tok.T_UNSET,
	    list: this.tok.T_LIST,
	    array: this.tok.T_ARRAY,
	    callable: this.tok.T_CALLABLE,
	    or: this.tok.T_LOGICAL_OR,
	    and: this.tok.T_LOGICAL_AND,
	    xor: this.tok.T_LOGICAL_XOR,
	    match: this.tok.T_MATCH,
	    readonly: this.tok.T_READ_ONLY,
	  };
	  this.castKeywords = {
	    int: this.tok.T_INT_CAST,
	    integer: this.tok.T_INT_CAST,
	    real: this.tok.T_DOUBLE_CAST,
	    double: this.tok.T_DOUBLE_CAST,
	    float: this.tok.T_DOUBLE_CAST,
	    string: this.tok.T_STRING_CAST,
	    binary: this.tok.T_STRING_CAST,
	    array: this.tok.T_ARRAY_CAST,
	    object: this.tok.T_OBJECT_CAST,
	    bool: this.tok.T_BOOL_CAST,
	    boolean: this.tok.T_BOOL_CAST,
	    unset: this.tok.T_UNSET_CAST,
	  };
	};

	/**
	 * Initialize the lexer with the specified input
	 * @function Lexer#setInput
	 * @memberOf module:php-parser
	 */
	Lexer.prototype.setInput = function (input) {
	  this._input = input;
	  this.size = input.length;
	  this.yylineno = 1;
	  this.offset = 0;
	  this.yyprevcol = 0;
	  this.yytext = "";
	  this.yylloc = {
	    first_offset: 0,
	    first_line: 1,
	    first_column: 0,
	    prev_offset: 0,
	    prev_line: 1,
	    prev_column: 0,
	    last_line: 1,
	    last_column: 0,
	  };
	  this.tokens = [];
	  if (this.version > 703) {
	    this.keywords.fn = this.tok.T_FN;
	  } else {
	    delete this.keywords.fn;
	  }
	  this.done = this.offset >= this.size;
	  if (!this.all_tokens && this.mode_eval) {
	    this.conditionStack = ["INITIAL"];
	    this.begin("ST_IN_SCRIPTING");
	  } else {
	    this.conditionStack = [];
	    this.begin("INITIAL");
	  }
	  // https://github.com/php/php-src/blob/999e32b65a8a4bb59e27e538fa68ffae4b99d863/Zend/zend_language_scanner.h#L59
	  // Used for heredoc and nowdoc
	  this.heredoc_label = {
	    label: "",
	    length: 0,
	    indentation: 0,
	    indentation_uses_spaces: false,
	    finished: false,
	    /*
	     * this used for parser to detemine the if current node segment is first encaps node.
	     * if ture, the indentation will remove from the begining. and if false, the prev node
	     * might be a variable '}' ,and the leading spaces should not be removed util meet the
	     * first \n
	     */
	    first_encaps_node: false,
	    // for backward compatible
	    /* istanbul ignore next */
	    toString() {
	      this.label;
	    },
	  };
	  return this;
	};

	/**
	 * consumes and returns one char from the input
	 * @function Lexer#input
	 * @memberOf module:php-parser
	 */
	Lexer.prototype.input = function () {
	  const ch = this._input[this.offset];
	  if (!ch) return "";
	  this.yytext += ch;
	  this.offset++;
	  if (ch === "\r" && this._input[this.offset] === "\n") {
	    this.yytext += "\n";
	    this.offset++;
	  }
	  if (ch === "\n" || ch === "\r") {
	    this.yylloc.last_line = ++this.yylineno;
	    this.yyprevcol = this.yylloc.last_column;
	    this.yylloc.last_column = 0;
	  } else {
	    this.yylloc.last_column++;
	  }
	  return ch;
	};

	/**
	 * revert eating specified size
	 * @function Lexer#unput
	 * @memberOf module:php-parser
	 */
	Lexer.prototype.unput = function (size) {
	  if (size === 1) {
	    // 1 char unput (most cases)
	    this.offset--;
	    if (
	      this._input[this.offset] === "\n" &&
	      this._input[this.offset - 1] === "\r"
	    ) {
	      this.offset--;
	      size++;
	    }
	    if (
	      this._input[this.offset] === "\r" ||
	      this._input[this.offset] === "\n"
	    ) {
	      this.yylloc.last_line--;
	      this.yylineno--;
	      this.yylloc.last_column = this.yyprevcol;
	    } else {
	      this.yylloc.last_column--;
	    }
	    this.yytext = this.yytext.substring(0, this.yytext.length - size);
	  } else if (size > 0) {
	    this.offset -= size;
	    if (size < this.yytext.length) {
	      this.yytext = this.yytext.substring(0, this.yytext.length - size);
	      // re-calculate position
	      this.yylloc.last_line = this.yylloc.first_line;
	      this.yylloc.last_column = this.yyprevcol = this.yylloc.first_column;
	      for (let i = 0; i < this.yytext.length; i++) {
	        let c = this.yytext[i];
	        if (c === "\r") {
	          c = this.yytext[++i];
	          this.yyprevcol = this.yylloc.last_column;
	          this.yylloc.last_line++;
	          this.yylloc.last_column = 0;
	          if (c !== "\n") {
	            if (c === "\r") {
	              this.yylloc.last_line++;
	            } else {
	              this.yylloc.last_column++;
	            }
	          }
	        } else if (c === "\n") {
	          this.yyprevcol = this.yylloc.last_column;
	          this.yylloc.last_line++;
	          this.yylloc.last_column = 0;
	        } else {
	          this.yylloc.last_column++;
	        }
	      }
	      this.yylineno = this.yylloc.last_line;
	    } else {
	      // reset full text
	      this.yytext = "";
	      this.yylloc.last_line = this.yylineno = this.yylloc.first_line;
	      this.yylloc.last_column = this.yylloc.first_column;
	    }
	  }

	  return this;
	};

	/**
	 * check if the text matches
	 * @function Lexer#tryMatch
	 * @memberOf module:php-parser
	 * @param {string} text
	 * @returns {boolean}
	 */
	Lexer.prototype.tryMatch = function (text) {
	  return text === this.ahead(text.length);
	};

	/**
	 * check if the text matches
	 * @function Lexer#tryMatchCaseless
	 * @memberOf module:php-parser
	 * @param {string} text
	 * @returns {boolean}
	 */
	Lexer.prototype.tryMatchCaseless = function (text) {
	  return text === this.ahead(text.length).toLowerCase();
	};

	/**
	 * look ahead
	 * @function Lexer#ahead
	 * @memberOf module:php-parser
	 * @param {number} size
	 * @returns {string}
	 */
	Lexer.prototype.ahead = function (size) {
	  let text = this._input.substring(this.offset, this.offset + size);
	  if (
	    text[text.length - 1] === "\r" &&
	    this._input[this.offset + size + 1] === "\n"
	  ) {
	    text += "\n";
	  }
	  return text;
	};

	/**
	 * consume the specified size
	 * @function Lexer#consume
	 * @memberOf module:php-parser
	 * @param {number} size
	 * @returns {Lexer}
	 */
	Lexer.prototype.consume = function (size) {
	  for (let i = 0; i < size; i++) {
	    const ch = this._input[this.offset];
	    if (!ch) break;
	    this.yytext += ch;
	    this.offset++;
	    if (ch === "\r" && this._input[this.offset] === "\n") {
	      this.yytext += "\n";
	      this.offset++;
	      i++;
	    }
	    if (ch === "\n" || ch === "\r") {
	      this.yylloc.last_line = ++this.yylineno;
	      this.yyprevcol = this.yylloc.last_column;
	      this.yylloc.last_column = 0;
	    } else {
	      this.yylloc.last_column++;
	    }
	  }
	  return this;
	};

	/**
	 * Gets the current state
	 * @function Lexer#getState
	 * @memberOf module:php-parser
	 */
	Lexer.prototype.getState = function () {
	  return {
	    yytext: this.yytext,
	    offset: this.offset,
	    yylineno: this.yylineno,
	    yyprevcol: this.yyprevcol,
	    yylloc: {
	      first_offset: this.yylloc.first_offset,
	      first_line: this.yylloc.first_line,
	      first_column: this.yylloc.first_column,
	      last_line: this.yylloc.last_line,
	      last_column: this.yylloc.last_column,
	    },
	    heredoc_label: this.heredoc_label,
	  };
	};

	/**
	 * Sets the current lexer state
	 * @function Lexer#setState
	 * @memberOf module:php-parser
	 */
	Lexer.prototype.setState = function (state) {
	  this.yytext = state.yytext;
	  this.offset = state.offset;
	  this.yylineno = state.yylineno;
	  this.yyprevcol = state.yyprevcol;
	  this.yylloc = state.yylloc;
	  if (state.heredoc_label) {
	    this.heredoc_label = state.heredoc_label;
	  }
	  return this;
	};

	/**
	 * prepend next token
	 * @function Lexer#appendToken
	 * @memberOf module:php-parser
	 * @param {*} value
	 * @param {*} ahead
	 * @returns {Lexer}
	 */
	Lexer.prototype.appendToken = function (value, ahead) {
	  this.tokens.push([value, ahead]);
	  return this;
	};

	/**
	 * return next match that has a token
	 * @function Lexer#lex
	 * @memberOf module:php-parser
	 * @returns {number|string}
	 */
	Lexer.prototype.lex = function () {
	  this.yylloc.prev_offset = this.offset;
	  this.yylloc.prev_line = this.yylloc.last_line;
	  this.yylloc.prev_column = this.yylloc.last_column;
	  let token = this.next() || this.lex();
	  if (!this.all_tokens) {
	    while (
	      token === this.tok.T_WHITESPACE || // ignore white space
	      (!this.comment_tokens &&
	        (token === this.tok.T_COMMENT || // ignore single lines comments
	          token === this.tok.T_DOC_COMMENT)) || // ignore doc comments
	      // ignore open tags
	      token === this.tok.T_OPEN_TAG
	    ) {
	      token = this.next() || this.lex();
	    }
	    if (token == this.tok.T_OPEN_TAG_WITH_ECHO) {
	      // https://github.com/php/php-src/blob/7ff186434e82ee7be7c59d0db9a976641cf7b09c/Zend/zend_compile.c#L1683
	      // open tag with echo statement
	      return this.tok.T_ECHO;
	    } else if (token === this.tok.T_CLOSE_TAG) {
	      // https://github.com/php/php-src/blob/7ff186434e82ee7be7c59d0db9a976641cf7b09c/Zend/zend_compile.c#L1680
	      return ";"; /* implicit ; */
	    }
	  }
	  if (!this.yylloc.prev_offset) {
	    this.yylloc.prev_offset = this.yylloc.first_offset;
	    this.yylloc.prev_line = this.yylloc.first_line;
	    this.yylloc.prev_column = this.yylloc.first_column;
	  }
	  /*else if (this.yylloc.prev_offset === this.offset && this.offset !== this.size) {
	    throw new Error('Infinite loop @ ' + this.offset + ' / ' + this.size);
	  }*/
	  return token;
	};

	/**
	 * activates a new lexer condition state (pushes the new lexer condition state onto the condition stack)
	 * @function Lexer#begin
	 * @memberOf module:php-parser
	 * @param {*} condition
	 * @returns {Lexer}
	 */
	Lexer.prototype.begin = function (condition) {
	  this.conditionStack.push(condition);
	  this.curCondition = condition;
	  this.stateCb = this["match" + condition];
	  /* istanbul ignore next */
	  if (typeof this.stateCb !== "function") {
	    throw new Error('Undefined condition state "' + condition + '"');
	  }
	  return this;
	};

	/**
	 * pop the previously active lexer condition state off the condition stack
	 * @function Lexer#popState
	 * @memberOf module:php-parser
	 * @returns {string|*}
	 */
	Lexer.prototype.popState = function () {
	  const n = this.conditionStack.length - 1;
	  const condition = n > 0 ? this.conditionStack.pop() : this.conditionStack[0];
	  this.curCondition = this.conditionStack[this.conditionStack.length - 1];
	  this.stateCb = this["match" + this.curCondition];
	  /* istanbul ignore next */
	  if (typeof this.stateCb !== "function") {
	    throw new Error('Undefined condition state "' + this.curCondition + '"');
	  }
	  return condition;
	};

	/**
	 * return next match in input
	 * @function Lexer#next
	 * @memberOf module:php-parser
	 * @returns {number|*}
	 */
	Lexer.prototype.next = function () {
	  let token;
	  if (!this._input) {
	    this.done = true;
	  }
	  this.yylloc.first_offset = this.offset;
	  this.yylloc.first_line = this.yylloc.last_line;
	  this.yylloc.first_column = this.yylloc.last_column;
	  this.yytext = "";
	  if (this.done) {
	    this.yylloc.prev_offset = this.yylloc.first_offset;
	    this.yylloc.prev_line = this.yylloc.first_line;
	    this.yylloc.prev_column = this.yylloc.first_column;
	    return this.EOF;
	  }
	  if (this.tokens.length > 0) {
	    token = this.tokens.shift();
	    if (typeof token[1] === "object") {
	      this.setState(token[1]);
	    } else {
	      this.consume(token[1]);
	    }
	    token = token[0];
	  } else {
	    token = this.stateCb.apply(this, []);
	  }
	  if (this.offset >= this.size && this.tokens.length === 0) {
	    this.done = true;
	  }
	  /* istanbul ignore next */
	  if (this.debug) {
	    let tName = token;
	    if (typeof tName === "number") {
	      tName = this.engine.tokens.values[tName];
	    } else {
	      tName = '"' + tName + '"';
	    }
	    const e = new Error(
	      tName +
	        "\tfrom " +
	        this.yylloc.first_line +
	        "," +
	        this.yylloc.first_column +
	        "\t - to " +
	        this.yylloc.last_line +
	        "," +
	        this.yylloc.last_column +
	        '\t"' +
	        this.yytext +
	        '"',
	    );
	    // eslint-disable-next-line no-console
	    console.error(e.stack);
	  }
	  return token;
	};

	// extends the lexer with states
	[
	  requireAttribute$1(),
	  requireComments(),
	  requireInitial(),
	  requireNumbers(),
	  requireProperty$1(),
	  requireScripting(),
	  requireStrings(),
	  requireTokens$1(),
	  requireUtils$1(),
	].forEach(function (ext) {
	  for (const k in ext) {
	    Lexer.prototype[k] = ext[k];
	  }
	});

	lexer = Lexer;
	return lexer;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var position;
var hasRequiredPosition;

function requirePosition () {
	if (hasRequiredPosition) return position;
	hasRequiredPosition = 1;

	/**
	 * Each Position object consists of a line number (1-indexed) and a column number (0-indexed):
	 * @constructor Position
	 * @memberOf module:php-parser
	 * @property {number} line
	 * @property {number} column
	 * @property {number} offset
	 */
	const Position = function (line, column, offset) {
	  this.line = line;
	  this.column = column;
	  this.offset = offset;
	};

	position = Position;
	return position;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var array$1;
var hasRequiredArray$1;

function requireArray$1 () {
	if (hasRequiredArray$1) return array$1;
	hasRequiredArray$1 = 1;

	array$1 = {
	  /*
	   * Parse an array
	   * ```ebnf
	   * array ::= T_ARRAY '(' array_pair_list ')' |
	   *   '[' array_pair_list ']'
	   * ```
	   */
	  read_array() {
	    let expect;
	    let shortForm = false;
	    const result = this.node("array");

	    if (this.token === this.tok.T_ARRAY) {
	      this.next().expect("(");
	      expect = ")";
	    } else {
	      shortForm = true;
	      expect = "]";
	    }
	    let items = [];
	    if (this.next().token !== expect) {
	      items = this.read_array_pair_list(shortForm);
	    }
	    this.expect(expect);
	    this.next();
	    return result(shortForm, items);
	  },
	  /*
	   * Reads an array of items
	   * ```ebnf
	   * array_pair_list ::= array_pair (',' array_pair?)*
	   * ```
	   */
	  read_array_pair_list(shortForm) {
	    const self = this;
	    return this.read_list(
	      function () {
	        return self.read_array_pair(shortForm);
	      },
	      ",",
	      true,
	    );
	  },
	  /*
	   * Reads an entry
	   * array_pair:
	   *  expr T_DOUBLE_ARROW expr
	   *  | expr
	   *  | expr T_DOUBLE_ARROW '&' variable
	   *  | '&' variable
	   *  | expr T_DOUBLE_ARROW T_LIST '(' array_pair_list ')'
	   *  | T_LIST '(' array_pair_list ')'
	   */
	  read_array_pair(shortForm) {
	    if (
	      (!shortForm && this.token === ")") ||
	      (shortForm && this.token === "]")
	    ) {
	      return;
	    }

	    if (this.token === ",") {
	      return this.node("noop")();
	    }

	    const entry = this.node("entry");

	    let key = null;
	    let value;
	    let byRef = false;
	    let unpack = false;

	    if (this.token === "&") {
	      this.next();
	      byRef = true;
	      value = this.read_variable(true, false);
	    } else if (this.token === this.tok.T_ELLIPSIS && this.version >= 704) {
	      this.next();
	      if (this.token === "&") {
	        this.error();
	      }
	      unpack = true;
	      value = this.read_expr();
	    } else {
	      const expr = this.read_expr();

	      if (this.token === this.tok.T_DOUBLE_ARROW) {
	        this.next();
	        key = expr;

	        if (this.token === "&") {
	          this.next();
	          byRef = true;
	          value = this.read_variable(true, false);
	        } else {
	          value = this.read_expr();
	        }
	      } else {
	        value = expr;
	      }
	    }

	    return entry(key, value, byRef, unpack);
	  },
	};
	return array$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _class$1;
var hasRequired_class$1;

function require_class$1 () {
	if (hasRequired_class$1) return _class$1;
	hasRequired_class$1 = 1;

	_class$1 = {
	  /*
	   * reading a class
	   * ```ebnf
	   * class ::= class_scope? T_CLASS T_STRING (T_EXTENDS NAMESPACE_NAME)? (T_IMPLEMENTS (NAMESPACE_NAME ',')* NAMESPACE_NAME)? '{' CLASS_BODY '}'
	   * ```
	   */
	  read_class_declaration_statement(attrs) {
	    const result = this.node("class");
	    const flag = this.read_class_modifiers();
	    // graceful mode : ignore token & go next
	    if (this.token !== this.tok.T_CLASS) {
	      this.error(this.tok.T_CLASS);
	      this.next();
	      return null;
	    }
	    this.next().expect(this.tok.T_STRING);
	    let propName = this.node("identifier");
	    const name = this.text();
	    this.next();
	    propName = propName(name);
	    const propExtends = this.read_extends_from();
	    const propImplements = this.read_implements_list();
	    this.expect("{");
	    const body = this.next().read_class_body(true, false);
	    const node = result(propName, propExtends, propImplements, body, flag);
	    if (attrs) node.attrGroups = attrs;
	    return node;
	  },

	  read_class_modifiers() {
	    const modifier = this.read_class_modifier({
	      readonly: 0,
	      final_or_abstract: 0,
	    });
	    return [0, 0, modifier.final_or_abstract, modifier.readonly];
	  },

	  read_class_modifier(memo) {
	    if (this.token === this.tok.T_READ_ONLY) {
	      this.next();
	      memo.readonly = 1;
	      memo = this.read_class_modifier(memo);
	    } else if (
	      memo.final_or_abstract === 0 &&
	      this.token === this.tok.T_ABSTRACT
	    ) {
	      this.next();
	      memo.final_or_abstract = 1;
	      memo = this.read_class_modifier(memo);
	    } else if (
	      memo.final_or_abstract === 0 &&
	      this.token === this.tok.T_FINAL
	    ) {
	      this.next();
	      memo.final_or_abstract = 2;
	      memo = this.read_class_modifier(memo);
	    }

	    return memo;
	  },

	  /*
	   * Reads a class body
	   * ```ebnf
	   *   class_body ::= (member_flags? (T_VAR | T_STRING | T_FUNCTION))*
	   * ```
	   */
	  read_class_body(allow_variables, allow_enum_cases) {
	    let result = [];
	    let attrs = [];
	    while (this.token !== this.EOF && this.token !== "}") {
	      if (this.token === this.tok.T_COMMENT) {
	        result.push(this.read_comment());
	        continue;
	      }

	      if (this.token === this.tok.T_DOC_COMMENT) {
	        result.push(this.read_doc_comment());
	        continue;
	      }

	      // check T_USE trait
	      if (this.token === this.tok.T_USE) {
	        result = result.concat(this.read_trait_use_statement());
	        continue;
	      }

	      const locStart = this.position();

	      if (this.token === this.tok.T_ATTRIBUTE) {
	        attrs = this.read_attr_list();
	      }

	      // check enum cases
	      if (allow_enum_cases && this.token === this.tok.T_CASE) {
	        const enumcase = this.read_enum_case(attrs);
	        attrs = [];
	        if (this.expect(";")) {
	          this.next();
	        }
	        result = result.concat(enumcase);
	        continue;
	      }

	      // read member flags
	      const flags = this.read_member_flags(false);

	      // check constant
	      if (this.token === this.tok.T_CONST) {
	        if (flags[0][1] !== -1) {
	          this.raiseError("Cannot use asymmetric visibility on constants");
	        }
	        const constants = this.read_constant_list(flags, attrs, locStart);
	        if (this.expect(";")) {
	          this.next();
	        }
	        result = result.concat(constants);
	        continue;
	      }

	      // jump over T_VAR then land on T_VARIABLE
	      if (allow_variables && this.token === this.tok.T_VAR) {
	        this.next().expect(this.tok.T_VARIABLE);
	        flags[0][0] = null; // public (as null)
	        flags[1] = 0; // non static var
	      }

	      if (this.token === this.tok.T_FUNCTION) {
	        // reads a function
	        result.push(this.read_function(false, flags, attrs, locStart));
	        attrs = [];
	      } else if (
	        allow_variables &&
	        (this.token === this.tok.T_VARIABLE ||
	          (this.version >= 801 && this.token === this.tok.T_READ_ONLY) ||
	          // support https://wiki.php.net/rfc/typed_properties_v2
	          (this.version >= 704 &&
	            (this.token === "?" ||
	              this.token === this.tok.T_ARRAY ||
	              this.token === this.tok.T_CALLABLE ||
	              this.token === this.tok.T_NAMESPACE ||
	              this.token === this.tok.T_NAME_FULLY_QUALIFIED ||
	              this.token === this.tok.T_NAME_QUALIFIED ||
	              this.token === this.tok.T_NAME_RELATIVE ||
	              this.token === this.tok.T_NS_SEPARATOR ||
	              this.token === this.tok.T_STRING)))
	      ) {
	        // reads a variable
	        const variables = this.read_variable_list(flags, attrs, locStart);
	        attrs = [];
	        result = result.concat(variables);
	      } else {
	        // raise an error
	        this.error([
	          this.tok.T_CONST,
	          ...(allow_variables ? [this.tok.T_VARIABLE] : []),
	          ...(allow_enum_cases ? [this.tok.T_CASE] : []),
	          this.tok.T_FUNCTION,
	        ]);
	        // ignore token
	        this.next();
	      }
	    }
	    this.expect("}");
	    this.next();
	    return result;
	  },
	  /*
	   * Reads variable list
	   * ```ebnf
	   *  variable_list ::= (variable_declaration ',')* variable_declaration
	   * ```
	   */
	  read_variable_list(flags, attrs, locStart) {
	    let property_statement = this.node("propertystatement");

	    const properties = this.read_list(
	      /*
	       * Reads a variable declaration
	       *
	       * ```ebnf
	       *  variable_declaration ::= T_VARIABLE '=' scalar
	       * ```
	       */
	      function read_variable_declaration() {
	        const result = this.node("property");
	        let readonly = flags[3] === 1;
	        if (!readonly && this.token === this.tok.T_READ_ONLY) {
	          readonly = true;
	          this.next();
	        }
	        const [nullable, type] = this.read_optional_type();
	        this.expect(this.tok.T_VARIABLE);
	        let propName = this.node("identifier");
	        const name = this.text().substring(1); // ignore $
	        this.next();
	        propName = propName(name);

	        let value = null;
	        let property_hooks = [];

	        this.expect([",", ";", "=", "{"]);

	        // Property has a value
	        if (this.token === "=") {
	          // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L815
	          value = this.next().read_expr();
	        }

	        // Property is using a hook to define getter/setters
	        if (this.token === "{") {
	          property_hooks = this.read_property_hooks();
	        } else {
	          this.expect([";", ","]);
	        }

	        return result(
	          propName,
	          value,
	          readonly,
	          nullable,
	          type,
	          attrs || [],
	          property_hooks,
	        );
	      },
	      ",",
	    );

	    property_statement = property_statement(null, properties, flags);
	    if (locStart && property_statement.loc) {
	      property_statement.loc.start = locStart;
	      if (property_statement.loc.source) {
	        property_statement.loc.source = this.lexer._input.substr(
	          property_statement.loc.start.offset,
	          property_statement.loc.end.offset -
	            property_statement.loc.start.offset,
	        );
	      }
	    }

	    // semicolons are found only for regular properties definitions.
	    // Property hooks are terminated by a closing curly brace, }.
	    // property_statement is instanciated before this check to avoid including the semicolon in the AST end location of the property.
	    if (this.token === ";") {
	      this.next();
	    }
	    return property_statement;
	  },

	  /*
	   * Reads property hooks
	   */
	  read_property_hooks() {
	    if (this.version < 804) {
	      this.raiseError("Parse Error: Property hooks require PHP 8.4+");
	    }
	    this.expect("{");
	    this.next();

	    const hooks = [];

	    while (this.token !== this.EOF && this.token !== "}") {
	      hooks.push(this.read_property_hook());
	    }

	    this.expect("}");
	    this.next();
	    return hooks;
	  },

	  read_property_hook() {
	    const property_hooks = this.node("propertyhook");

	    let attrs = [];
	    if (this.token === this.tok.T_ATTRIBUTE) {
	      attrs = this.read_attr_list();
	    }

	    const is_final = this.token === this.tok.T_FINAL;
	    if (is_final) this.next();

	    const is_reference = this.token === "&";
	    if (is_reference) this.next();

	    const method_name = this.text();

	    if (method_name !== "get" && method_name !== "set") {
	      this.raiseError(
	        "Parse Error: Property hooks must be either 'get' or 'set'",
	      );
	    }
	    this.next();

	    let parameter = null;
	    let body = null;
	    this.expect([this.tok.T_DOUBLE_ARROW, "{", "(", ";"]);

	    // interface or abstract definition
	    if (this.token === ";") {
	      this.next();
	      return property_hooks(
	        method_name,
	        is_final,
	        is_reference,
	        parameter,
	        body,
	        attrs,
	      );
	    }

	    if (this.token === "(") {
	      this.next();
	      parameter = this.read_parameter(false);
	      this.expect(")");
	      this.next();
	    }

	    if (this.token === this.tok.T_DOUBLE_ARROW) {
	      this.next();
	      body = this.read_expr();
	      this.next();
	    } else if (this.token === "{") {
	      body = this.read_code_block();
	    }

	    return property_hooks(
	      method_name,
	      is_final,
	      is_reference,
	      parameter,
	      body,
	      attrs,
	    );
	  },

	  /*
	   * Reads constant list
	   * ```ebnf
	   *  constant_list ::= T_CONST [type] (constant_declaration ',')* constant_declaration
	   * ```
	   */
	  read_constant_list(flags, attrs, locStart) {
	    const result = this.node("classconstant");
	    if (this.expect(this.tok.T_CONST)) {
	      this.next();
	    }
	    // static, abstract, and readonly are never valid on class constants
	    if (flags[1] === 1 || flags[2] === 1 || flags[3] === 1) {
	      this.error();
	    }
	    // final class constants require PHP 8.1+
	    if (flags[2] === 2 && this.version < 801) {
	      this.raiseError("Final class constants are not allowed before PHP 8.1");
	    }

	    const [nullable, type] =
	      this.version >= 803 ? this.read_optional_type() : [false, null];
	    const items = this.read_list(
	      /*
	       * Reads a constant declaration
	       *
	       * ```ebnf
	       *  constant_declaration ::= (T_STRING | IDENTIFIER) '=' expr
	       * ```
	       * @return {Constant} [:link:](AST.md#constant)
	       */
	      function read_constant_declaration() {
	        const result = this.node("constant");
	        let constName = null;
	        let value = null;
	        if (
	          this.token === this.tok.T_STRING ||
	          (this.version >= 700 && this.is("IDENTIFIER"))
	        ) {
	          constName = this.node("identifier");
	          const name = this.text();
	          this.next();
	          constName = constName(name);
	        } else {
	          this.expect("IDENTIFIER");
	        }
	        if (this.expect("=")) {
	          value = this.next().read_expr();
	        }
	        return result(constName, value);
	      },
	      ",",
	    );

	    const node = result(null, items, flags, nullable, type, attrs || []);
	    if (locStart && node.loc) {
	      node.loc.start = locStart;
	      if (node.loc.source) {
	        node.loc.source = this.lexer._input.substr(
	          node.loc.start.offset,
	          node.loc.end.offset - node.loc.start.offset,
	        );
	      }
	    }
	    return node;
	  },
	  /*
	   * Read member flags
	   * @return array
	   *  1st index : [get, set] visibility tuple
	   *    get/set: -1 => no visibility, 0 => public, 1 => protected, 2 => private
	   *  2nd index : 0 => instance member, 1 => static member
	   *  3rd index : 0 => normal, 1 => abstract member, 2 => final member
	   *  4th index : 0 => no readonly, 1 => readonly
	   */
	  read_member_flags(asInterface) {
	    const result = [[-1, -1], 0, 0, 0];
	    const seen = new Set();
	    while (this.is("T_MEMBER_FLAGS")) {
	      let idx = -1,
	        val = -1;
	      switch (this.token) {
	        case this.tok.T_PUBLIC:
	        case this.tok.T_PROTECTED:
	        case this.tok.T_PRIVATE: {
	          idx = 0;
	          val =
	            this.token === this.tok.T_PUBLIC
	              ? 0
	              : this.token === this.tok.T_PROTECTED
	                ? 1
	                : 2;
	          if (asInterface && val === 2) {
	            // an interface can't be private
	            this.expect([this.tok.T_PUBLIC, this.tok.T_PROTECTED]);
	            val = -1;
	          }
	          this.next(); // consume the visibility keyword
	          if (this.version >= 804 && this.token === "(") {
	            // visibility(set) modifier: e.g. private(set)
	            // For shorthand, default get visibility to public if not already set
	            if (result[0][0] === -1) {
	              result[0][0] = 0;
	            }
	            this.next(); // consume '('
	            if (this.token !== this.tok.T_STRING || this.text() !== "set") {
	              this.error("set");
	            } else {
	              this.next(); // consume 'set'
	            }
	            if (this.expect(")")) {
	              this.next(); // consume ')'
	            }
	            if (seen.has("set")) {
	              this.error(); // set modifier already defined
	            } else if (val !== -1) {
	              seen.add("set");
	              result[0][1] = val;
	            }
	            continue;
	          }
	          if (seen.has(idx)) {
	            this.error();
	          } else if (val !== -1) {
	            seen.add(idx);
	            result[0][0] = val;
	          }
	          continue;
	        }
	        case this.tok.T_STATIC:
	          idx = 1;
	          val = 1;
	          break;
	        case this.tok.T_ABSTRACT:
	          idx = 2;
	          val = 1;
	          break;
	        case this.tok.T_FINAL:
	          idx = 2;
	          val = 2;
	          break;
	        case this.tok.T_READ_ONLY:
	          idx = 3;
	          val = 1;
	          break;
	      }
	      if (asInterface && idx === 2 && val === 1) {
	        // an interface can't be abstract
	        this.error();
	        val = -1;
	      }
	      if (seen.has(idx)) {
	        // already defined flag
	        this.error();
	      } else if (val !== -1) {
	        seen.add(idx);
	        result[idx] = val;
	      }
	      this.next();
	    }

	    return result;
	  },

	  /*
	   * optional_type:
	   *	  /- empty -/	{ $$ = NULL; }
	   *   |	type_expr	{ $$ = $1; }
	   * ;
	   *
	   * type_expr:
	   *		type		{ $$ = $1; }
	   *	|	'?' type	{ $$ = $2; $$->attr |= ZEND_TYPE_NULLABLE; }
	   *	|	union_type	{ $$ = $1; }
	   * ;
	   *
	   * type:
	   * 		T_ARRAY		{ $$ = zend_ast_create_ex(ZEND_AST_TYPE, IS_ARRAY); }
	   * 	|	T_CALLABLE	{ $$ = zend_ast_create_ex(ZEND_AST_TYPE, IS_CALLABLE); }
	   * 	|	name		{ $$ = $1; }
	   * ;
	   *
	   * union_type:
	   * 		type '|' type       { $$ = zend_ast_create_list(2, ZEND_AST_TYPE_UNION, $1, $3); }
	   * 	|	union_type '|' type { $$ = zend_ast_list_add($1, $3); }
	   * ;
	   */
	  read_optional_type() {
	    const nullable = this.token === "?";
	    if (nullable) {
	      this.next();
	    }

	    if (this.peekSkipComments() === "=") {
	      return [false, null];
	    }

	    let type = this.read_types();
	    if (nullable && !type) {
	      this.raiseError(
	        "Expecting a type definition combined with nullable operator",
	      );
	    }
	    if (!nullable && !type) {
	      return [false, null];
	    }
	    if (this.token === "|") {
	      type = [type];
	      do {
	        this.next();
	        const variant = this.read_type();
	        if (!variant) {
	          this.raiseError("Expecting a type definition");
	          break;
	        }
	        type.push(variant);
	      } while (this.token === "|");
	    }
	    return [nullable, type];
	  },

	  peekSkipComments() {
	    const lexerState = this.lexer.getState();
	    let nextToken;

	    do {
	      nextToken = this.lexer.lex();
	    } while (
	      nextToken === this.tok.T_COMMENT ||
	      nextToken === this.tok.T_WHITESPACE
	    );

	    this.lexer.setState(lexerState);
	    return nextToken;
	  },

	  /*
	   * reading an interface
	   * ```ebnf
	   * interface ::= T_INTERFACE T_STRING (T_EXTENDS (NAMESPACE_NAME ',')* NAMESPACE_NAME)? '{' INTERFACE_BODY '}'
	   * ```
	   */
	  read_interface_declaration_statement(attrs) {
	    const result = this.node("interface");
	    if (this.token !== this.tok.T_INTERFACE) {
	      this.error(this.tok.T_INTERFACE);
	      this.next();
	      return null;
	    }
	    this.next().expect(this.tok.T_STRING);
	    let propName = this.node("identifier");
	    const name = this.text();
	    this.next();
	    propName = propName(name);
	    const propExtends = this.read_interface_extends_list();
	    this.expect("{");
	    const body = this.next().read_interface_body();
	    return result(propName, propExtends, body, attrs || []);
	  },
	  /*
	   * Reads an interface body
	   * ```ebnf
	   *   interface_body ::= (member_flags? (T_CONST | T_FUNCTION))*
	   * ```
	   */
	  read_interface_body() {
	    let result = [];
	    let attrs;

	    while (this.token !== this.EOF && this.token !== "}") {
	      if (this.token === this.tok.T_COMMENT) {
	        result.push(this.read_comment());
	        continue;
	      }

	      if (this.token === this.tok.T_DOC_COMMENT) {
	        result.push(this.read_doc_comment());
	        continue;
	      }

	      const locStart = this.position();

	      attrs = [];
	      if (this.token === this.tok.T_ATTRIBUTE) {
	        attrs = this.read_attr_list();
	      }
	      // read member flags
	      const flags = this.read_member_flags(true);

	      // check constant
	      if (this.token === this.tok.T_CONST) {
	        if (flags[0][1] !== -1) {
	          this.raiseError("Cannot use asymmetric visibility on constants");
	        }
	        const constants = this.read_constant_list(flags, attrs, locStart);
	        if (this.expect(";")) {
	          this.next();
	        }
	        result = result.concat(constants);
	      } else if (this.token === this.tok.T_FUNCTION) {
	        // reads a function
	        const method = this.read_function_declaration(
	          2,
	          flags,
	          attrs,
	          locStart,
	        );
	        method.parseFlags(flags);
	        result.push(method);
	        if (this.expect(";")) {
	          this.next();
	        }
	      } else if (this.token === this.tok.T_STRING) {
	        result.push(this.read_variable_list(flags, attrs, locStart));
	      } else {
	        // raise an error
	        this.error([this.tok.T_CONST, this.tok.T_FUNCTION, this.tok.T_STRING]);
	        this.next();
	      }
	    }
	    if (this.expect("}")) {
	      this.next();
	    }
	    return result;
	  },
	  /*
	   * reading a trait
	   * ```ebnf
	   * trait ::= T_TRAIT T_STRING (T_EXTENDS (NAMESPACE_NAME ',')* NAMESPACE_NAME)? '{' FUNCTION* '}'
	   * ```
	   */
	  read_trait_declaration_statement(attrs) {
	    const result = this.node("trait");
	    // graceful mode : ignore token & go next
	    if (this.token !== this.tok.T_TRAIT) {
	      this.error(this.tok.T_TRAIT);
	      this.next();
	      return null;
	    }
	    this.next().expect(this.tok.T_STRING);
	    let propName = this.node("identifier");
	    const name = this.text();
	    this.next();
	    propName = propName(name);
	    this.expect("{");
	    const body = this.next().read_class_body(true, false);
	    const node = result(propName, body);
	    if (attrs) node.attrGroups = attrs;
	    return node;
	  },
	  /*
	   * reading a use statement
	   * ```ebnf
	   * trait_use_statement ::= namespace_name (',' namespace_name)* ('{' trait_use_alias '}')?
	   * ```
	   */
	  read_trait_use_statement() {
	    // defines use statements
	    const node = this.node("traituse");
	    this.expect(this.tok.T_USE) && this.next();
	    const traits = [this.read_namespace_name()];
	    let adaptations = null;
	    while (this.token === ",") {
	      traits.push(this.next().read_namespace_name());
	    }
	    if (this.token === "{") {
	      adaptations = [];
	      // defines alias statements
	      while (this.next().token !== this.EOF) {
	        if (this.token === "}") break;
	        adaptations.push(this.read_trait_use_alias());
	        this.expect(";");
	      }
	      if (this.expect("}")) {
	        this.next();
	      }
	    } else {
	      if (this.expect(";")) {
	        this.next();
	      }
	    }
	    return node(traits, adaptations);
	  },
	  /*
	   * Reading trait alias
	   * ```ebnf
	   * trait_use_alias ::= namespace_name ( T_DOUBLE_COLON T_STRING )? (T_INSTEADOF namespace_name) | (T_AS member_flags? T_STRING)
	   * ```
	   * name list : https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L303
	   * trait adaptation : https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L742
	   */
	  read_trait_use_alias() {
	    const node = this.node();
	    let trait = null;
	    let method;

	    if (this.is("IDENTIFIER")) {
	      method = this.node("identifier");
	      const methodName = this.text();
	      this.next();
	      method = method(methodName);
	    } else {
	      method = this.read_namespace_name();

	      if (this.token === this.tok.T_DOUBLE_COLON) {
	        this.next();
	        if (
	          this.token === this.tok.T_STRING ||
	          (this.version >= 700 && this.is("IDENTIFIER"))
	        ) {
	          trait = method;
	          method = this.node("identifier");
	          const methodName = this.text();
	          this.next();
	          method = method(methodName);
	        } else {
	          this.expect(this.tok.T_STRING);
	        }
	      } else {
	        // convert identifier as string
	        method = method.name;
	      }
	    }

	    // handle trait precedence
	    if (this.token === this.tok.T_INSTEADOF) {
	      return node(
	        "traitprecedence",
	        trait,
	        method,
	        this.next().read_name_list(),
	      );
	    } else if (this.token === this.tok.T_AS) {
	      // handle trait alias
	      let flags = null;
	      let alias = null;
	      if (this.next().is("T_MEMBER_FLAGS")) {
	        flags = this.read_member_flags();
	      }

	      if (
	        this.token === this.tok.T_STRING ||
	        (this.version >= 700 && this.is("IDENTIFIER"))
	      ) {
	        alias = this.node("identifier");
	        const name = this.text();
	        this.next();
	        alias = alias(name);
	      } else if (flags === null) {
	        // no visibility flags and no name => too bad
	        this.expect(this.tok.T_STRING);
	      }

	      return node("traitalias", trait, method, alias, flags);
	    }

	    // handle errors
	    this.expect([this.tok.T_AS, this.tok.T_INSTEADOF]);
	    return node("traitalias", trait, method, null, null);
	  },
	};
	return _class$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var comment$1;
var hasRequiredComment$1;

function requireComment$1 () {
	if (hasRequiredComment$1) return comment$1;
	hasRequiredComment$1 = 1;

	comment$1 = {
	  /*
	   *  Comments with // or # or / * ... * /
	   */
	  read_comment() {
	    const text = this.text();
	    let result = this.ast.prepare(
	      text.substring(0, 2) === "/*" ? "commentblock" : "commentline",
	      null,
	      this,
	    );
	    const offset = this.lexer.yylloc.first_offset;
	    // handle location on comment
	    const prev = this.prev;
	    this.prev = [
	      this.lexer.yylloc.last_line,
	      this.lexer.yylloc.last_column,
	      this.lexer.offset,
	    ];
	    this.lex();
	    result = result(text);
	    result.offset = offset;
	    this.prev = prev;
	    return result;
	  },
	  /*
	   * Comments with / ** ... * /
	   */
	  read_doc_comment() {
	    let result = this.ast.prepare("commentblock", null, this);
	    const offset = this.lexer.yylloc.first_offset;
	    const text = this.text();
	    const prev = this.prev;
	    this.prev = [
	      this.lexer.yylloc.last_line,
	      this.lexer.yylloc.last_column,
	      this.lexer.offset,
	    ];
	    this.lex();
	    result = result(text);
	    result.offset = offset;
	    this.prev = prev;
	    return result;
	  },
	};
	return comment$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var expr;
var hasRequiredExpr;

function requireExpr () {
	if (hasRequiredExpr) return expr;
	hasRequiredExpr = 1;

	expr = {
	  read_expr(expr) {
	    const result = this.node();
	    if (this.token === "@") {
	      if (!expr) {
	        expr = this.next().read_expr();
	      }
	      return result("silent", expr);
	    }
	    if (!expr) {
	      expr = this.read_expr_item();
	    }
	    // binary operations
	    if (this.token === "|") {
	      return result("bin", "|", expr, this.next().read_expr());
	    }
	    if (this.token === "&") {
	      return result("bin", "&", expr, this.next().read_expr());
	    }
	    if (this.token === "^") {
	      return result("bin", "^", expr, this.next().read_expr());
	    }
	    if (this.token === ".") {
	      return result("bin", ".", expr, this.next().read_expr());
	    }
	    if (this.token === "+") {
	      return result("bin", "+", expr, this.next().read_expr());
	    }
	    if (this.token === "-") {
	      return result("bin", "-", expr, this.next().read_expr());
	    }
	    if (this.token === "*") {
	      return result("bin", "*", expr, this.next().read_expr());
	    }
	    if (this.token === "/") {
	      return result("bin", "/", expr, this.next().read_expr());
	    }
	    if (this.token === "%") {
	      return result("bin", "%", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_POW) {
	      return result("bin", "**", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_SL) {
	      return result("bin", "<<", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_SR) {
	      return result("bin", ">>", expr, this.next().read_expr());
	    }
	    // more binary operations (formerly bool)
	    if (this.token === this.tok.T_BOOLEAN_OR) {
	      return result("bin", "||", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_LOGICAL_OR) {
	      return result("bin", "or", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_BOOLEAN_AND) {
	      return result("bin", "&&", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_LOGICAL_AND) {
	      return result("bin", "and", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_LOGICAL_XOR) {
	      return result("bin", "xor", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_IS_IDENTICAL) {
	      return result("bin", "===", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_IS_NOT_IDENTICAL) {
	      return result("bin", "!==", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_IS_EQUAL) {
	      return result("bin", "==", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_IS_NOT_EQUAL) {
	      return result("bin", "!=", expr, this.next().read_expr());
	    }
	    if (this.token === "<") {
	      return result("bin", "<", expr, this.next().read_expr());
	    }
	    if (this.token === ">") {
	      return result("bin", ">", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_IS_SMALLER_OR_EQUAL) {
	      return result("bin", "<=", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_IS_GREATER_OR_EQUAL) {
	      return result("bin", ">=", expr, this.next().read_expr());
	    }
	    if (this.token === this.tok.T_SPACESHIP) {
	      return result("bin", "<=>", expr, this.next().read_expr());
	    }

	    if (this.token === this.tok.T_INSTANCEOF) {
	      expr = result(
	        "bin",
	        "instanceof",
	        expr,
	        this.next().read_class_name_reference(),
	      );
	      if (
	        this.token !== ";" &&
	        this.token !== this.tok.T_INLINE_HTML &&
	        this.token !== this.EOF
	      ) {
	        expr = this.read_expr(expr);
	      }
	    }

	    if (this.token === this.tok.T_NULLSAFE_OBJECT_OPERATOR) {
	      expr = result("nullsafepropertylookup", expr, this.read_what());
	      expr = this.recursive_variable_chain_scan(expr, false, true);
	    }

	    // extra operations :
	    // $username = $_GET['user'] ?? 'nobody';
	    if (this.token === this.tok.T_COALESCE) {
	      return result("bin", "??", expr, this.next().read_expr());
	    }
	    // extra operations :
	    // $a = "Hi" |> strtoupper(...);
	    if (this.token === this.tok.T_PIPE) {
	      if (this.version < 805) {
	        this.raiseError("PHP 8.5+ is required to use pipe operator");
	      }
	      const right = this.next().read_expr();
	      if (right.kind === "arrowfunc" && !right.parenthesizedExpression) {
	        this.raiseError(
	          "Arrow functions in a pipe chain must be wrapped in parentheses",
	        );
	      }
	      return result("bin", "|>", expr, right);
	    }

	    // extra operations :
	    // $username = $_GET['user'] ? true : false;
	    if (this.token === "?") {
	      let trueArg = null;
	      if (this.next().token !== ":") {
	        trueArg = this.read_expr();
	      }
	      this.expect(":") && this.next();
	      return result("retif", expr, trueArg, this.read_expr());
	    } else {
	      // see #193
	      result.destroy(expr);
	    }

	    return expr;
	  },

	  /*
	   * Reads a cast expression
	   */
	  read_expr_cast(type) {
	    return this.node("cast")(type, this.text(), this.next().read_expr());
	  },

	  /*
	   * Read a isset variable
	   */
	  read_isset_variable() {
	    return this.read_expr();
	  },

	  /*
	   * Reads isset variables
	   */
	  read_isset_variables() {
	    return this.read_function_list(this.read_isset_variable, ",");
	  },

	  /*
	   * Reads internal PHP functions
	   */
	  read_internal_functions_in_yacc() {
	    let result = null;
	    switch (this.token) {
	      case this.tok.T_ISSET:
	        {
	          result = this.node("isset");
	          if (this.next().expect("(")) {
	            this.next();
	          }
	          const variables = this.read_isset_variables();
	          if (this.expect(")")) {
	            this.next();
	          }
	          result = result(variables);
	        }
	        break;
	      case this.tok.T_EMPTY:
	        {
	          result = this.node("empty");
	          if (this.next().expect("(")) {
	            this.next();
	          }
	          const expression = this.read_expr();
	          if (this.expect(")")) {
	            this.next();
	          }
	          result = result(expression);
	        }
	        break;
	      case this.tok.T_INCLUDE:
	        result = this.node("include")(false, false, this.next().read_expr());
	        break;
	      case this.tok.T_INCLUDE_ONCE:
	        result = this.node("include")(true, false, this.next().read_expr());
	        break;
	      case this.tok.T_EVAL:
	        {
	          result = this.node("eval");
	          if (this.next().expect("(")) {
	            this.next();
	          }
	          const expr = this.read_expr();
	          if (this.expect(")")) {
	            this.next();
	          }
	          result = result(expr);
	        }
	        break;
	      case this.tok.T_REQUIRE:
	        result = this.node("include")(false, true, this.next().read_expr());
	        break;
	      case this.tok.T_REQUIRE_ONCE:
	        result = this.node("include")(true, true, this.next().read_expr());
	        break;
	    }

	    return result;
	  },

	  /*
	   * Reads optional expression
	   */
	  read_optional_expr(stopToken) {
	    if (this.token !== stopToken) {
	      return this.read_expr();
	    }

	    return null;
	  },

	  /*
	   * Reads exit expression
	   */
	  read_exit_expr() {
	    let expression = null;

	    if (this.token === "(") {
	      this.next();
	      expression = this.read_optional_expr(")");
	      this.expect(")") && this.next();
	    }

	    return expression;
	  },

	  /*
	   * ```ebnf
	   * Reads an expression
	   *  expr ::= @todo
	   * ```
	   */
	  read_expr_item() {
	    let result,
	      expr,
	      attrs = [];
	    if (this.token === "+") {
	      return this.node("unary")("+", this.next().read_expr());
	    }
	    if (this.token === "-") {
	      return this.node("unary")("-", this.next().read_expr());
	    }
	    if (this.token === "!") {
	      return this.node("unary")("!", this.next().read_expr());
	    }
	    if (this.token === "~") {
	      return this.node("unary")("~", this.next().read_expr());
	    }

	    if (this.token === "(") {
	      expr = this.next().read_expr();
	      expr.parenthesizedExpression = true;
	      this.expect(")") && this.next();
	      return this.handleDereferencable(expr);
	    }

	    if (this.token === "`") {
	      // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1048
	      return this.read_encapsed_string("`");
	    }

	    if (this.token === this.tok.T_LIST) {
	      let assign = null;
	      const isInner = this.innerList;
	      result = this.node("list");
	      if (!isInner) {
	        assign = this.node("assign");
	      }
	      if (this.next().expect("(")) {
	        this.next();
	      }

	      if (!this.innerList) this.innerList = true;

	      // reads inner items
	      const assignList = this.read_array_pair_list(false);
	      if (this.expect(")")) {
	        this.next();
	      }

	      // check if contains at least one assignment statement
	      let hasItem = false;
	      for (let i = 0; i < assignList.length; i++) {
	        if (assignList[i] !== null && assignList[i].kind !== "noop") {
	          hasItem = true;
	          break;
	        }
	      }
	      if (!hasItem) {
	        /* istanbul ignore next */
	        this.raiseError(
	          "Fatal Error :  Cannot use empty list on line " +
	            this.lexer.yylloc.first_line,
	        );
	      }

	      // handles the node resolution
	      if (!isInner) {
	        this.innerList = false;
	        if (this.expect("=")) {
	          return assign(
	            result(assignList, false),
	            this.next().read_expr(),
	            "=",
	          );
	        } else {
	          // error fallback : list($a, $b);
	          /* istanbul ignore next */
	          return result(assignList, false);
	        }
	      } else {
	        return result(assignList, false);
	      }
	    }

	    if (this.token === this.tok.T_ATTRIBUTE) {
	      attrs = this.read_attr_list();
	    }

	    if (this.token === this.tok.T_CLONE) {
	      const node = this.node("clone");
	      this.next();
	      if (this.version >= 805 && this.token === "(") {
	        this.next();
	        let what = this.read_variable(false, false);
	        what = this.handleDereferencable(what);
	        let properties = null;
	        if (this.token === ",") {
	          properties = this.next().read_expr();
	        }
	        this.expect(")") && this.next();
	        return node(what, properties);
	      }
	      let what = this.read_variable(false, false);
	      what = this.handleDereferencable(what);
	      return node(what, null);
	    }

	    switch (this.token) {
	      case this.tok.T_INC:
	        return this.node("pre")("+", this.next().read_variable(false, false));

	      case this.tok.T_DEC:
	        return this.node("pre")("-", this.next().read_variable(false, false));

	      case this.tok.T_NEW:
	        expr = this.read_new_expr();
	        if (this.token === this.tok.T_OBJECT_OPERATOR && this.version < 804) {
	          this.raiseError(
	            "New without parenthesis is not allowed before PHP 8.4",
	          );
	        }
	        return this.handleDereferencable(expr);

	      case this.tok.T_ISSET:
	      case this.tok.T_EMPTY:
	      case this.tok.T_INCLUDE:
	      case this.tok.T_INCLUDE_ONCE:
	      case this.tok.T_EVAL:
	      case this.tok.T_REQUIRE:
	      case this.tok.T_REQUIRE_ONCE:
	        return this.read_internal_functions_in_yacc();

	      case this.tok.T_MATCH:
	        return this.read_match_expression();
	      case this.tok.T_INT_CAST:
	        return this.read_expr_cast("int");

	      case this.tok.T_DOUBLE_CAST:
	        return this.read_expr_cast("float");

	      case this.tok.T_STRING_CAST:
	        return this.read_expr_cast(
	          this.text().indexOf("binary") !== -1 ? "binary" : "string",
	        );

	      case this.tok.T_ARRAY_CAST:
	        return this.read_expr_cast("array");

	      case this.tok.T_OBJECT_CAST:
	        return this.read_expr_cast("object");

	      case this.tok.T_BOOL_CAST:
	        return this.read_expr_cast("bool");

	      case this.tok.T_UNSET_CAST:
	        return this.read_expr_cast("unset");

	      case this.tok.T_THROW: {
	        if (this.version < 800) {
	          this.raiseError("PHP 8+ is required to use throw as an expression");
	        }
	        const result = this.node("throw");
	        const expr = this.next().read_expr();
	        return result(expr);
	      }
	      case this.tok.T_EXIT: {
	        const useDie = this.lexer.yytext.toLowerCase() === "die";
	        result = this.node("exit");
	        this.next();
	        const expression = this.read_exit_expr();
	        return result(expression, useDie);
	      }

	      case this.tok.T_PRINT:
	        return this.node("print")(this.next().read_expr());

	      // T_YIELD (expr (T_DOUBLE_ARROW expr)?)?
	      case this.tok.T_YIELD: {
	        let value = null;
	        let key = null;
	        result = this.node("yield");
	        if (this.next().is("EXPR")) {
	          // reads the yield return value
	          value = this.read_expr();
	          if (this.token === this.tok.T_DOUBLE_ARROW) {
	            // reads the yield returned key
	            key = value;
	            value = this.next().read_expr();
	          }
	        }
	        return result(value, key);
	      }

	      // T_YIELD_FROM expr
	      case this.tok.T_YIELD_FROM:
	        result = this.node("yieldfrom");
	        expr = this.next().read_expr();
	        return result(expr);

	      case this.tok.T_FN:
	      case this.tok.T_FUNCTION:
	        return this.read_inline_function(undefined, attrs);

	      case this.tok.T_STATIC: {
	        const backup = [this.token, this.lexer.getState()];
	        this.next();
	        if (
	          this.token === this.tok.T_FUNCTION ||
	          (this.version >= 704 && this.token === this.tok.T_FN)
	        ) {
	          // handles static function
	          return this.read_inline_function([0, 1, 0], attrs);
	        } else {
	          // rollback
	          this.lexer.tokens.push(backup);
	          this.next();
	        }
	      }
	    }

	    // SCALAR | VARIABLE
	    if (this.is("VARIABLE")) {
	      result = this.node();
	      expr = this.read_variable(false, false);

	      // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L877
	      // should accept only a variable
	      const isConst =
	        expr.kind === "identifier" ||
	        (expr.kind === "staticlookup" && expr.offset.kind === "identifier");

	      // VARIABLES SPECIFIC OPERATIONS
	      switch (this.token) {
	        case "=": {
	          if (isConst) this.error("VARIABLE");
	          if (this.next().token == "&") {
	            return this.read_assignref(result, expr);
	          }
	          return result("assign", expr, this.read_expr(), "=");
	        }

	        // operations :
	        case this.tok.T_PLUS_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "+=");

	        case this.tok.T_MINUS_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "-=");

	        case this.tok.T_MUL_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "*=");

	        case this.tok.T_POW_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "**=");

	        case this.tok.T_DIV_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "/=");

	        case this.tok.T_CONCAT_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), ".=");

	        case this.tok.T_MOD_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "%=");

	        case this.tok.T_AND_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "&=");

	        case this.tok.T_OR_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "|=");

	        case this.tok.T_XOR_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "^=");

	        case this.tok.T_SL_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "<<=");

	        case this.tok.T_SR_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), ">>=");

	        case this.tok.T_COALESCE_EQUAL:
	          if (isConst) this.error("VARIABLE");
	          return result("assign", expr, this.next().read_expr(), "??=");

	        case this.tok.T_INC:
	          if (isConst) this.error("VARIABLE");
	          this.next();
	          return result("post", "+", expr);
	        case this.tok.T_DEC:
	          if (isConst) this.error("VARIABLE");
	          this.next();
	          return result("post", "-", expr);
	        default:
	          // see #193
	          result.destroy(expr);
	      }
	    } else if (this.is("SCALAR")) {
	      result = this.node();
	      expr = this.read_scalar();
	      if (expr.kind === "array" && expr.shortForm && this.token === "=") {
	        // list assign
	        const list = this.convertToList(expr);
	        if (expr.loc) list.loc = expr.loc;
	        const right = this.next().read_expr();
	        return result("assign", list, right, "=");
	      } else {
	        // see #189 - swap docs on nodes
	        result.destroy(expr);
	      }
	      // classic array
	      return this.handleDereferencable(expr);
	    } else {
	      this.error("EXPR");
	      this.next();
	    }

	    // returns variable | scalar
	    return expr;
	  },

	  /*
	   * Recursively convert nested array to nested list.
	   */
	  convertToList(array) {
	    const convertedItems = array.items.map((entry) => {
	      if (
	        entry.value &&
	        entry.value.kind === "array" &&
	        entry.value.shortForm
	      ) {
	        entry.value = this.convertToList(entry.value);
	      }
	      return entry;
	    });
	    const node = this.node("list")(convertedItems, true);
	    if (array.loc) node.loc = array.loc;
	    if (array.leadingComments) node.leadingComments = array.leadingComments;
	    if (array.trailingComments) node.trailingComments = array.trailingComments;
	    return node;
	  },

	  /*
	   * Reads assignment
	   * @param {*} left
	   */
	  read_assignref(result, left) {
	    this.next();
	    let right;
	    if (this.token === this.tok.T_NEW) {
	      if (this.version >= 700) {
	        this.error();
	      }
	      right = this.read_new_expr();
	    } else if (this.token === "(") {
	      right = this.next().read_expr();
	      this.expect(")") && this.next();
	      right = this.recursive_variable_chain_scan(right, false, false);
	    } else {
	      right = this.read_variable(false, false);
	    }

	    return result("assignref", left, right);
	  },

	  /*
	   *
	   * inline_function:
	   * 		function returns_ref backup_doc_comment '(' parameter_list ')' lexical_vars return_type
	   * 		backup_fn_flags '{' inner_statement_list '}' backup_fn_flags
	   * 			{ $$ = zend_ast_create_decl(ZEND_AST_CLOSURE, $2 | $13, $1, $3,
	   * 				  zend_string_init("{closure}", sizeof("{closure}") - 1, 0),
	   * 				  $5, $7, $11, $8); CG(extra_fn_flags) = $9; }
	   * 	|	fn returns_ref '(' parameter_list ')' return_type backup_doc_comment T_DOUBLE_ARROW backup_fn_flags backup_lex_pos expr backup_fn_flags
	   * 			{ $$ = zend_ast_create_decl(ZEND_AST_ARROW_FUNC, $2 | $12, $1, $7,
	   * 				  zend_string_init("{closure}", sizeof("{closure}") - 1, 0), $4, NULL,
	   * 				  zend_ast_create(ZEND_AST_RETURN, $11), $6);
	   * 				  ((zend_ast_decl *) $$)->lex_pos = $10;
	   * 				  CG(extra_fn_flags) = $9; }   *
	   */
	  read_inline_function(flags, attrs) {
	    if (this.token === this.tok.T_FUNCTION) {
	      const result = this.read_function(true, flags, attrs);
	      result.attrGroups = attrs;
	      return result;
	    }
	    // introduced in PHP 7.4
	    if (this.version < 704) {
	      this.raiseError("Arrow Functions are not allowed");
	    }
	    // as an arrowfunc
	    const node = this.node("arrowfunc");
	    // eat T_FN
	    if (this.expect(this.tok.T_FN)) this.next();
	    // check the &
	    const isRef = this.is_reference();
	    // ...
	    if (this.expect("(")) this.next();
	    const params = this.read_parameter_list();
	    if (this.expect(")")) this.next();
	    let nullable = false;
	    let returnType = null;
	    if (this.token === ":") {
	      if (this.next().token === "?") {
	        nullable = true;
	        this.next();
	      }
	      returnType = this.read_types();
	    }
	    if (this.expect(this.tok.T_DOUBLE_ARROW)) this.next();
	    const body = this.read_expr();
	    const result = node(
	      params,
	      isRef,
	      body,
	      returnType,
	      nullable,
	      flags ? true : false,
	    );
	    result.attrGroups = attrs;
	    return result;
	  },

	  read_match_expression() {
	    const node = this.node("match");
	    this.expect(this.tok.T_MATCH) && this.next();
	    if (this.version < 800) {
	      this.raiseError("Match statements are not allowed before PHP 8");
	    }
	    if (this.expect("(")) this.next();
	    const cond = this.read_expr();
	    if (this.expect(")")) this.next();
	    if (this.expect("{")) this.next();
	    const arms = this.read_match_arms();
	    if (this.expect("}")) this.next();
	    return node(cond, arms);
	  },

	  read_match_arms() {
	    return this.read_list(() => this.read_match_arm(), ",", true);
	  },

	  read_match_arm() {
	    if (this.token === "}") {
	      return;
	    }
	    return this.node("matcharm")(this.read_match_arm_conds(), this.read_expr());
	  },

	  read_match_arm_conds() {
	    let conds = [];
	    if (this.token === this.tok.T_DEFAULT) {
	      conds = null;
	      this.next();
	    } else {
	      conds.push(this.read_expr());
	      while (this.token === ",") {
	        this.next();
	        if (this.token === this.tok.T_DOUBLE_ARROW) {
	          this.next();
	          return conds;
	        }
	        conds.push(this.read_expr());
	      }
	    }
	    if (this.expect(this.tok.T_DOUBLE_ARROW)) {
	      this.next();
	    }
	    return conds;
	  },

	  read_attribute() {
	    const node = this.node("attribute");
	    const name = this.text();
	    let args = [];
	    this.next();
	    if (this.token === "(") {
	      args = this.read_argument_list();
	    }
	    return node(name, args);
	  },
	  read_attr_list() {
	    const list = [];
	    if (this.token === this.tok.T_ATTRIBUTE) {
	      do {
	        const node = this.node("attrgroup");
	        this.next();
	        const attrs = [this.read_attribute()];
	        while (this.token === ",") {
	          this.next();
	          if (this.token !== "]") attrs.push(this.read_attribute());
	        }
	        this.expect("]");
	        this.next();
	        list.push(node(attrs));
	      } while (this.token === this.tok.T_ATTRIBUTE);
	    }
	    return list;
	  },

	  /*
	   * ```ebnf
	   *    new_expr ::= T_NEW (namespace_name function_argument_list) | (T_CLASS ... class declaration)
	   * ```
	   * https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L850
	   */
	  read_new_expr() {
	    const result = this.node("new");
	    this.expect(this.tok.T_NEW) && this.next();
	    let args = [];
	    if (this.token === "(") {
	      this.next();
	      const newExp = this.read_expr();
	      this.expect(")");
	      this.next();
	      if (this.token === "(") {
	        args = this.read_argument_list();
	      }
	      return result(newExp, args);
	    }
	    const attrs = this.read_attr_list();
	    const isReadonly = this.token === this.tok.T_READ_ONLY;
	    if (isReadonly) {
	      if (this.version < 803) {
	        this.raiseError(
	          "Anonymous readonly classes are not allowed before PHP 8.3",
	        );
	      }
	      this.next();
	    }
	    if (this.token === this.tok.T_CLASS) {
	      const what = this.node("class");
	      // Annonymous class declaration
	      if (this.next().token === "(") {
	        args = this.read_argument_list();
	      }
	      const propExtends = this.read_extends_from();
	      const propImplements = this.read_implements_list();
	      let body = null;
	      if (this.expect("{")) {
	        body = this.next().read_class_body(true, false);
	      }
	      const whatNode = what(null, propExtends, propImplements, body, [
	        0,
	        0,
	        0,
	        isReadonly ? 1 : 0,
	      ]);
	      whatNode.attrGroups = attrs;
	      return result(whatNode, args);
	    }
	    // Already existing class
	    let name = this.read_new_class_name();
	    while (this.token === "[") {
	      const offsetNode = this.node("offsetlookup");
	      const offset = this.next().read_encaps_var_offset();
	      this.expect("]") && this.next();
	      name = offsetNode(name, offset);
	    }
	    if (this.token === "(") {
	      args = this.read_argument_list();
	    }
	    return result(name, args);
	  },
	  /*
	   * Reads a class name
	   * ```ebnf
	   * read_new_class_name ::= namespace_name | variable
	   * ```
	   */
	  read_new_class_name() {
	    if (
	      this.token === this.tok.T_NS_SEPARATOR ||
	      this.token === this.tok.T_NAME_RELATIVE ||
	      this.token === this.tok.T_NAME_QUALIFIED ||
	      this.token === this.tok.T_NAME_FULLY_QUALIFIED ||
	      this.token === this.tok.T_STRING ||
	      this.token === this.tok.T_NAMESPACE
	    ) {
	      let result = this.read_namespace_name(true);
	      if (this.token === this.tok.T_DOUBLE_COLON) {
	        result = this.read_static_getter(result);
	        return this.recursive_variable_chain_scan(result, true, false);
	      }
	      return result;
	    } else if (this.is("VARIABLE")) {
	      return this.read_variable(true, false);
	    } else {
	      this.expect([this.tok.T_STRING, "VARIABLE"]);
	    }
	  },
	  handleDereferencable(expr) {
	    while (this.token !== this.EOF) {
	      if (
	        this.token === this.tok.T_OBJECT_OPERATOR ||
	        this.token === this.tok.T_DOUBLE_COLON ||
	        this.token === this.tok.T_NULLSAFE_OBJECT_OPERATOR
	      ) {
	        expr = this.recursive_variable_chain_scan(expr, false, false, true);
	      } else if (this.token === this.tok.T_CURLY_OPEN || this.token === "[") {
	        expr = this.read_dereferencable(expr);
	      } else if (this.token === "(") {
	        // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1118
	        expr = this.node("call")(expr, this.read_argument_list());
	      } else {
	        return expr;
	      }
	    }
	    return expr;
	  },
	};
	return expr;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _enum$1;
var hasRequired_enum$1;

function require_enum$1 () {
	if (hasRequired_enum$1) return _enum$1;
	hasRequired_enum$1 = 1;

	_enum$1 = {
	  /*
	   * reading an enum
	   * ```ebnf
	   * enum ::= enum_scope? T_ENUM T_STRING (':' NAMESPACE_NAME)? (T_IMPLEMENTS (NAMESPACE_NAME ',')* NAMESPACE_NAME)? '{' ENUM_BODY '}'
	   * ```
	   */
	  read_enum_declaration_statement(attrs) {
	    const result = this.node("enum");
	    // graceful mode : ignore token & go next
	    if (!this.expect(this.tok.T_ENUM)) {
	      return null;
	    }
	    this.next().expect(this.tok.T_STRING);
	    let propName = this.node("identifier");
	    const name = this.text();
	    this.next();
	    propName = propName(name);
	    const valueType = this.read_enum_value_type();
	    const propImplements = this.read_implements_list();
	    this.expect("{");
	    const body = this.next().read_class_body(false, true);
	    const node = result(propName, valueType, propImplements, body);
	    if (attrs) node.attrGroups = attrs;
	    return node;
	  },

	  read_enum_value_type() {
	    if (this.token === ":") {
	      return this.next().read_namespace_name();
	    }

	    return null;
	  },

	  read_enum_case(attrs) {
	    this.expect(this.tok.T_CASE);
	    const result = this.node("enumcase");
	    let caseName = this.node("identifier");
	    const name = this.next().text();
	    this.next();
	    caseName = caseName(name);

	    const value = this.token === "=" ? this.next().read_expr() : null;
	    this.expect(";");

	    const node = result(caseName, value);
	    if (attrs && attrs.length > 0) node.attrGroups = attrs;
	    return node;
	  },
	};
	return _enum$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _function$1;
var hasRequired_function$1;

function require_function$1 () {
	if (hasRequired_function$1) return _function$1;
	hasRequired_function$1 = 1;

	_function$1 = {
	  /*
	   * checks if current token is a reference keyword
	   */
	  is_reference() {
	    if (this.token === "&") {
	      this.next();
	      return true;
	    }
	    return false;
	  },
	  /*
	   * checks if current token is a variadic keyword
	   */
	  is_variadic() {
	    if (this.token === this.tok.T_ELLIPSIS) {
	      this.next();
	      return true;
	    }
	    return false;
	  },
	  /*
	   * reading a function
	   * ```ebnf
	   * function ::= function_declaration code_block
	   * ```
	   */
	  read_function(closure, flag, attrs, locStart) {
	    const result = this.read_function_declaration(
	      closure ? 1 : flag ? 2 : 0,
	      flag && flag[1] === 1,
	      attrs || [],
	      locStart,
	    );
	    if (flag && flag[2] == 1) {
	      // abstract function :
	      result.parseFlags(flag);
	      if (this.expect(";")) {
	        this.next();
	      }
	    } else {
	      if (this.expect("{")) {
	        result.body = this.read_code_block(false);
	        if (result.loc && result.body.loc) {
	          result.loc.end = result.body.loc.end;
	        }
	      }
	      if (!closure && flag) {
	        result.parseFlags(flag);
	      }
	    }
	    return result;
	  },
	  /*
	   * reads a function declaration (without his body)
	   * ```ebnf
	   * function_declaration ::= T_FUNCTION '&'?  T_STRING '(' parameter_list ')'
	   * ```
	   */
	  read_function_declaration(type, isStatic, attrs, locStart) {
	    let nodeName = "function";
	    if (type === 1) {
	      nodeName = "closure";
	    } else if (type === 2) {
	      nodeName = "method";
	    }
	    const result = this.node(nodeName);

	    if (this.expect(this.tok.T_FUNCTION)) {
	      this.next();
	    }
	    const isRef = this.is_reference();
	    let name = false,
	      use = [],
	      returnType = null,
	      nullable = false;
	    if (type !== 1) {
	      const nameNode = this.node("identifier");
	      if (type === 2) {
	        if (this.version >= 700) {
	          if (this.token === this.tok.T_STRING || this.is("IDENTIFIER")) {
	            name = this.text();
	            this.next();
	          } else if (this.version < 704) {
	            this.error("IDENTIFIER");
	          }
	        } else if (this.token === this.tok.T_STRING) {
	          name = this.text();
	          this.next();
	        } else {
	          this.error("IDENTIFIER");
	        }
	      } else {
	        if (this.version >= 700) {
	          if (this.token === this.tok.T_STRING) {
	            name = this.text();
	            this.next();
	          } else if (this.version >= 704) {
	            if (!this.expect("(")) {
	              this.next();
	            }
	          } else {
	            this.error(this.tok.T_STRING);
	            this.next();
	          }
	        } else {
	          if (this.expect(this.tok.T_STRING)) {
	            name = this.text();
	          }
	          this.next();
	        }
	      }
	      name = nameNode(name);
	    }
	    if (this.expect("(")) this.next();
	    const params = this.read_parameter_list(name.name === "__construct");
	    if (this.expect(")")) this.next();
	    if (type === 1) {
	      use = this.read_lexical_vars();
	    }
	    if (this.token === ":") {
	      if (this.next().token === "?") {
	        nullable = true;
	        this.next();
	      }
	      returnType = this.read_types();
	    }
	    const apply_attrgroup_location = (node) => {
	      node.attrGroups = attrs || [];

	      if (locStart && node.loc) {
	        node.loc.start = locStart;
	        if (node.loc.source) {
	          node.loc.source = this.lexer._input.substr(
	            node.loc.start.offset,
	            node.loc.end.offset - node.loc.start.offset,
	          );
	        }
	      }
	      return node;
	    };

	    if (type === 1) {
	      // closure
	      return apply_attrgroup_location(
	        result(params, isRef, use, returnType, nullable, isStatic),
	      );
	    }
	    return apply_attrgroup_location(
	      result(name, params, isRef, returnType, nullable),
	    );
	  },

	  read_lexical_vars() {
	    let result = [];

	    if (this.token === this.tok.T_USE) {
	      this.next();
	      this.expect("(") && this.next();
	      result = this.read_lexical_var_list();
	      this.expect(")") && this.next();
	    }

	    return result;
	  },

	  read_list_with_dangling_comma(item) {
	    const result = [];

	    while (this.token != this.EOF) {
	      result.push(item());
	      if (this.token == ",") {
	        this.next();
	        if (this.version >= 800 && this.token === ")") {
	          return result;
	        }
	      } else if (this.token == ")") {
	        break;
	      } else {
	        this.error([",", ")"]);
	        break;
	      }
	    }
	    return result;
	  },

	  read_lexical_var_list() {
	    return this.read_list_with_dangling_comma(this.read_lexical_var.bind(this));
	  },

	  /*
	   * ```ebnf
	   * lexical_var ::= '&'? T_VARIABLE
	   * ```
	   */
	  read_lexical_var() {
	    if (this.token === "&") {
	      return this.read_byref(this.read_lexical_var.bind(this));
	    }
	    const result = this.node("variable");
	    this.expect(this.tok.T_VARIABLE);
	    const name = this.text().substring(1);
	    this.next();
	    return result(name, false);
	  },
	  /*
	   * reads a list of parameters
	   * ```ebnf
	   *  parameter_list ::= (parameter ',')* parameter?
	   * ```
	   */
	  read_parameter_list(is_class_constructor) {
	    if (this.token !== ")") {
	      let wasVariadic = false;

	      return this.read_list_with_dangling_comma(
	        function () {
	          const parameter = this.read_parameter(is_class_constructor);
	          if (parameter) {
	            // variadic parameters can only be defined at the end of the parameter list
	            if (wasVariadic) {
	              this.raiseError(
	                "Unexpected parameter after a variadic parameter",
	              );
	            }
	            if (parameter.variadic) {
	              wasVariadic = true;
	            }
	          }
	          return parameter;
	        }.bind(this),
	        ",",
	      );
	    }

	    return [];
	  },
	  /*
	   * ```ebnf
	   *  parameter ::= type? '&'? T_ELLIPSIS? T_VARIABLE ('=' expr)?
	   * ```
	   * @see https://github.com/php/php-src/blob/493524454d66adde84e00d249d607ecd540de99f/Zend/zend_language_parser.y#L640
	   */
	  read_parameter(is_class_constructor) {
	    const node = this.node("parameter");
	    let parameterName = null;
	    let value = null;
	    let nullable = false;
	    let readonly = false;
	    let attrs = [];
	    if (this.token === this.tok.T_ATTRIBUTE) attrs = this.read_attr_list();

	    if (this.version >= 801 && this.token === this.tok.T_READ_ONLY) {
	      if (is_class_constructor) {
	        this.next();
	        readonly = true;
	      } else {
	        this.raiseError(
	          "readonly properties can be used only on class constructor",
	        );
	      }
	    }

	    const [flags, flagsSet] = this.read_promoted();

	    if (
	      !readonly &&
	      this.version >= 801 &&
	      this.token === this.tok.T_READ_ONLY
	    ) {
	      if (is_class_constructor) {
	        this.next();
	        readonly = true;
	      } else {
	        this.raiseError(
	          "readonly properties can be used only on class constructor",
	        );
	      }
	    }

	    if (this.token === "?") {
	      this.next();
	      nullable = true;
	    }
	    const types = this.read_types();
	    if (nullable && !types) {
	      this.raiseError(
	        "Expecting a type definition combined with nullable operator",
	      );
	    }
	    const isRef = this.is_reference();
	    const isVariadic = this.is_variadic();
	    if (this.expect(this.tok.T_VARIABLE)) {
	      parameterName = this.node("identifier");
	      const name = this.text().substring(1);
	      this.next();
	      parameterName = parameterName(name);
	    }
	    if (this.token == "=") {
	      value = this.next().read_expr();
	    }
	    let hooks = [];
	    if (this.version >= 804 && flags && this.token === "{") {
	      hooks = this.read_property_hooks();
	    }
	    const result = node(
	      parameterName,
	      types,
	      value,
	      isRef,
	      isVariadic,
	      readonly,
	      nullable,
	      flags,
	      hooks,
	      flagsSet,
	    );
	    if (attrs) result.attrGroups = attrs;
	    return result;
	  },
	  read_types() {
	    const MODE_UNSET = "unset";
	    const MODE_UNION = "union";
	    const MODE_INTERSECTION = "intersection";

	    const types = [];
	    let mode = MODE_UNSET;
	    const node = this.node();
	    const type = this.read_type();
	    if (!type) {
	      node.destroy();
	      return null;
	    }

	    // we have matched a single type
	    types.push(type);

	    // is the current token a:
	    // - | for union type
	    // - & for intersection type (> php 8.1)
	    while (this.token === "|" || (this.version >= 801 && this.token === "&")) {
	      const nextToken = this.peek();

	      if (
	        nextToken === this.tok.T_ELLIPSIS ||
	        nextToken === this.tok.T_VARIABLE
	      ) {
	        // the next token is part of the variable (or the variable itself),
	        // we're not gonna match anymore types
	        break;
	      }

	      if (mode === MODE_UNSET) {
	        // are we in union or intersection "mode"
	        mode = this.token === "|" ? MODE_UNION : MODE_INTERSECTION;
	      } else {
	        // it is not possible to mix "modes"
	        if (
	          (mode === MODE_UNION && this.token !== "|") ||
	          (mode === MODE_INTERSECTION && this.token !== "&")
	        ) {
	          this.raiseError(
	            'Unexpect token "' + this.token + '", "|" and "&" can not be mixed',
	          );
	        }
	      }

	      this.next();
	      types.push(this.read_type());
	    }
	    if (types.length === 1) {
	      node.destroy();
	      return types[0];
	    } else {
	      return mode === MODE_INTERSECTION
	        ? node("intersectiontype", types)
	        : node("uniontype", types);
	    }
	  },
	  read_promoted() {
	    const MODIFIER_PUBLIC = 1;
	    const MODIFIER_PROTECTED = 2;
	    const MODIFIER_PRIVATE = 4;

	    let firstModifier;
	    if (this.token === this.tok.T_PUBLIC) {
	      this.next();
	      firstModifier = MODIFIER_PUBLIC;
	    } else if (this.token === this.tok.T_PROTECTED) {
	      this.next();
	      firstModifier = MODIFIER_PROTECTED;
	    } else if (this.token === this.tok.T_PRIVATE) {
	      this.next();
	      firstModifier = MODIFIER_PRIVATE;
	    } else {
	      return [0, 0];
	    }

	    // PHP 8.4+ asymmetric visibility
	    if (this.version >= 804) {
	      if (this.token === "(") {
	        // shorthand: visibility(set) — firstModifier is the set modifier, read visibility is implicit
	        this.next(); // consume '('
	        if (this.token !== this.tok.T_STRING || this.text() !== "set") {
	          this.error("set");
	        } else {
	          this.next(); // consume 'set'
	        }
	        if (this.expect(")")) {
	          this.next(); // consume ')'
	        }
	        return [0, firstModifier]; // no explicit read visibility, set = firstModifier
	      }

	      // Check for explicit form: readVisibility setVisibility(set)
	      let setModifier = 0;
	      if (this.token === this.tok.T_PUBLIC) {
	        this.next();
	        setModifier = MODIFIER_PUBLIC;
	      } else if (this.token === this.tok.T_PROTECTED) {
	        this.next();
	        setModifier = MODIFIER_PROTECTED;
	      } else if (this.token === this.tok.T_PRIVATE) {
	        this.next();
	        setModifier = MODIFIER_PRIVATE;
	      }

	      if (setModifier > 0) {
	        if (this.expect("(")) {
	          this.next(); // consume '('
	        }
	        if (this.token !== this.tok.T_STRING || this.text() !== "set") {
	          this.error("set");
	        } else {
	          this.next(); // consume 'set'
	        }
	        if (this.expect(")")) {
	          this.next(); // consume ')'
	        }
	        return [firstModifier, setModifier];
	      }
	    }

	    return [firstModifier, 0];
	  },
	  /*
	   * Reads a list of arguments
	   * ```ebnf
	   *  function_argument_list ::= '(' (argument_list (',' argument_list)*)? ')'
	   * ```
	   */
	  read_argument_list() {
	    let result = [];
	    this.expect("(") && this.next();
	    if (
	      this.version >= 801 &&
	      this.token === this.tok.T_ELLIPSIS &&
	      this.peek() === ")"
	    ) {
	      const variadicNode = this.node("variadicplaceholder");
	      this.next();
	      result.push(variadicNode());
	    } else if (this.token !== ")") {
	      result = this.read_non_empty_argument_list();
	    }
	    this.expect(")") && this.next();
	    return result;
	  },
	  /*
	   * Reads non empty argument list
	   */
	  read_non_empty_argument_list() {
	    let wasVariadic = false;

	    return this.read_function_list(
	      function () {
	        const argument = this.read_argument();
	        if (argument) {
	          const isVariadic = argument.kind === "variadic";
	          // variadic arguments can only be followed by other variadic arguments
	          if (wasVariadic && !isVariadic) {
	            this.raiseError(
	              "Unexpected non-variadic argument after a variadic argument",
	            );
	          }
	          if (isVariadic) {
	            wasVariadic = true;
	          }
	        }
	        return argument;
	      }.bind(this),
	      ",",
	    );
	  },
	  /*
	   * ```ebnf
	   *    argument_list ::= T_STRING ':' expr | T_ELLIPSIS? expr
	   * ```
	   */
	  read_argument() {
	    if (this.token === this.tok.T_ELLIPSIS) {
	      return this.node("variadic")(this.next().read_expr());
	    }
	    if (
	      this.token === this.tok.T_STRING ||
	      Object.values(this.lexer.keywords).includes(this.token)
	    ) {
	      const nextToken = this.peek();
	      if (nextToken === ":") {
	        if (this.version < 800) {
	          this.raiseError("PHP 8+ is required to use named arguments");
	        }
	        return this.node("namedargument")(
	          this.text(),
	          this.next().next().read_expr(),
	        );
	      }
	    }
	    return this.read_expr();
	  },
	  /*
	   * read type hinting
	   * ```ebnf
	   *  type ::= T_ARRAY | T_CALLABLE | namespace_name
	   * ```
	   */
	  read_type() {
	    const result = this.node();
	    if (this.token === this.tok.T_ARRAY || this.token === this.tok.T_CALLABLE) {
	      const type = this.text();
	      this.next();
	      return result("typereference", type.toLowerCase(), type);
	    } else if (
	      this.token === this.tok.T_NAME_RELATIVE ||
	      this.token === this.tok.T_NAME_QUALIFIED ||
	      this.token === this.tok.T_NAME_FULLY_QUALIFIED ||
	      this.token === this.tok.T_STRING ||
	      this.token === this.tok.T_STATIC
	    ) {
	      const type = this.text();
	      const backup = [this.token, this.lexer.getState()];
	      this.next();
	      if (
	        this.token !== this.tok.T_NS_SEPARATOR &&
	        this.ast.typereference.types.indexOf(type.toLowerCase()) > -1
	      ) {
	        return result("typereference", type.toLowerCase(), type);
	      } else {
	        // rollback a classic namespace
	        this.lexer.tokens.push(backup);
	        this.next();
	        // fix : destroy not consumed node (release comments)
	        result.destroy();
	        return this.read_namespace_name();
	      }
	    } else if (this.version >= 802 && this.token === "(") {
	      // DNF type (PHP 8.2+): parenthesized intersection type, e.g. (A&B)|null
	      this.next(); // consume (
	      const innerTypes = [];
	      innerTypes.push(this.read_type());
	      while (this.token === "&") {
	        const nextToken = this.peek();
	        if (
	          nextToken === this.tok.T_ELLIPSIS ||
	          nextToken === this.tok.T_VARIABLE
	        ) {
	          break;
	        }
	        this.next();
	        innerTypes.push(this.read_type());
	      }
	      this.expect(")") && this.next(); // consume )
	      return result("intersectiontype", innerTypes);
	    }
	    // fix : destroy not consumed node (release comments)
	    result.destroy();
	    return null;
	  },
	};
	return _function$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _if$1;
var hasRequired_if$1;

function require_if$1 () {
	if (hasRequired_if$1) return _if$1;
	hasRequired_if$1 = 1;

	_if$1 = {
	  /*
	   * Reads an IF statement
	   *
	   * ```ebnf
	   *  if ::= T_IF '(' expr ')' ':' ...
	   * ```
	   */
	  read_if() {
	    const result = this.node("if");
	    const test = this.next().read_if_expr();
	    let body;
	    let alternate = null;
	    let shortForm = false;

	    if (this.token === ":") {
	      shortForm = true;
	      body = this.node("block");
	      this.next();
	      const items = [];
	      while (this.token !== this.EOF && this.token !== this.tok.T_ENDIF) {
	        if (this.token === this.tok.T_ELSEIF) {
	          alternate = this.read_elseif_short();
	          break;
	        } else if (this.token === this.tok.T_ELSE) {
	          alternate = this.read_else_short();
	          break;
	        }
	        items.push(this.read_inner_statement());
	      }
	      if (
	        items.length === 0 &&
	        this.extractDoc &&
	        this._docs.length > this._docIndex
	      ) {
	        items.push(this.node("noop")());
	      }
	      body = body(null, items);
	      this.expect(this.tok.T_ENDIF) && this.next();
	      this.expectEndOfStatement();
	    } else {
	      body = this.read_statement();
	      if (this.token === this.tok.T_ELSEIF) {
	        alternate = this.read_if();
	      } else if (this.token === this.tok.T_ELSE) {
	        alternate = this.next().read_statement();
	      }
	    }
	    return result(test, body, alternate, shortForm);
	  },
	  /*
	   * reads an if expression : '(' expr ')'
	   */
	  read_if_expr() {
	    this.expect("(") && this.next();
	    const result = this.read_expr();
	    this.expect(")") && this.next();
	    return result;
	  },
	  /*
	   * reads an elseif (expr): statements
	   */
	  read_elseif_short() {
	    let alternate = null;
	    const result = this.node("if");
	    const test = this.next().read_if_expr();
	    const body = this.node("block");
	    if (this.expect(":")) this.next();
	    const items = [];
	    while (this.token != this.EOF && this.token !== this.tok.T_ENDIF) {
	      if (this.token === this.tok.T_ELSEIF) {
	        alternate = this.read_elseif_short();
	        break;
	      } else if (this.token === this.tok.T_ELSE) {
	        alternate = this.read_else_short();
	        break;
	      }
	      items.push(this.read_inner_statement());
	    }
	    if (
	      items.length === 0 &&
	      this.extractDoc &&
	      this._docs.length > this._docIndex
	    ) {
	      items.push(this.node("noop")());
	    }
	    return result(test, body(null, items), alternate, true);
	  },
	  /*
	   *
	   */
	  read_else_short() {
	    this.next();
	    const body = this.node("block");
	    if (this.expect(":")) this.next();
	    const items = [];
	    while (this.token != this.EOF && this.token !== this.tok.T_ENDIF) {
	      items.push(this.read_inner_statement());
	    }
	    if (
	      items.length === 0 &&
	      this.extractDoc &&
	      this._docs.length > this._docIndex
	    ) {
	      items.push(this.node("noop")());
	    }
	    return body(null, items);
	  },
	};
	return _if$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var loops;
var hasRequiredLoops;

function requireLoops () {
	if (hasRequiredLoops) return loops;
	hasRequiredLoops = 1;

	loops = {
	  /*
	   * Reads a while statement
	   * ```ebnf
	   * while ::= T_WHILE (statement | ':' inner_statement_list T_ENDWHILE ';')
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L587
	   * @return {While}
	   */
	  read_while() {
	    const result = this.node("while");
	    this.expect(this.tok.T_WHILE) && this.next();
	    let body;
	    let shortForm = false;
	    if (this.expect("(")) this.next();
	    const test = this.read_expr();
	    if (this.expect(")")) this.next();
	    if (this.token === ":") {
	      shortForm = true;
	      body = this.read_short_form(this.tok.T_ENDWHILE);
	    } else {
	      body = this.read_statement();
	    }
	    return result(test, body, shortForm);
	  },
	  /*
	   * Reads a do / while loop
	   * ```ebnf
	   * do ::= T_DO statement T_WHILE '(' expr ')' ';'
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L423
	   * @return {Do}
	   */
	  read_do() {
	    const result = this.node("do");
	    this.expect(this.tok.T_DO) && this.next();
	    let test = null;
	    const body = this.read_statement();
	    if (this.expect(this.tok.T_WHILE)) {
	      if (this.next().expect("(")) this.next();
	      test = this.read_expr();
	      if (this.expect(")")) this.next();
	      if (this.expect(";")) this.next();
	    }
	    return result(test, body);
	  },
	  /*
	   * Read a for incremental loop
	   * ```ebnf
	   * for ::= T_FOR '(' for_exprs ';' for_exprs ';' for_exprs ')' for_statement
	   * for_statement ::= statement | ':' inner_statement_list T_ENDFOR ';'
	   * for_exprs ::= expr? (',' expr)*
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L425
	   * @return {For}
	   */
	  read_for() {
	    const result = this.node("for");
	    this.expect(this.tok.T_FOR) && this.next();
	    let init = [];
	    let test = [];
	    let increment = [];
	    let body;
	    let shortForm = false;
	    if (this.expect("(")) this.next();
	    if (this.token !== ";") {
	      init = this.read_list(this.read_expr, ",");
	      if (this.expect(";")) this.next();
	    } else {
	      this.next();
	    }
	    if (this.token !== ";") {
	      test = this.read_list(this.read_expr, ",");
	      if (this.expect(";")) this.next();
	    } else {
	      this.next();
	    }
	    if (this.token !== ")") {
	      increment = this.read_list(this.read_expr, ",");
	      if (this.expect(")")) this.next();
	    } else {
	      this.next();
	    }
	    if (this.token === ":") {
	      shortForm = true;
	      body = this.read_short_form(this.tok.T_ENDFOR);
	    } else {
	      body = this.read_statement();
	    }
	    return result(init, test, increment, body, shortForm);
	  },
	  /*
	   * Reads a foreach loop
	   * ```ebnf
	   * foreach ::= '(' expr T_AS foreach_variable (T_DOUBLE_ARROW foreach_variable)? ')' statement
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L438
	   * @return {Foreach}
	   */
	  read_foreach() {
	    const result = this.node("foreach");
	    this.expect(this.tok.T_FOREACH) && this.next();
	    let key = null;
	    let value = null;
	    let body;
	    let shortForm = false;
	    if (this.expect("(")) this.next();
	    const source = this.read_expr();
	    if (this.expect(this.tok.T_AS)) {
	      this.next();
	      value = this.read_foreach_variable();
	      if (this.token === this.tok.T_DOUBLE_ARROW) {
	        key = value;
	        value = this.next().read_foreach_variable();
	      }
	    }

	    // grammatically correct but not supported by PHP
	    if (key && key.kind === "list") {
	      this.raiseError("Fatal Error : Cannot use list as key element");
	    }

	    if (this.expect(")")) this.next();

	    if (this.token === ":") {
	      shortForm = true;
	      body = this.read_short_form(this.tok.T_ENDFOREACH);
	    } else {
	      body = this.read_statement();
	    }
	    return result(source, key, value, body, shortForm);
	  },
	  /*
	   * Reads a foreach variable statement
	   * ```ebnf
	   * foreach_variable =
	   *    variable |
	   *    '&' variable |
	   *    T_LIST '(' assignment_list ')' |
	   *    '[' assignment_list ']'
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L544
	   * @return {Expression}
	   */
	  read_foreach_variable() {
	    if (this.token === this.tok.T_LIST || this.token === "[") {
	      const isShort = this.token === "[";
	      const result = this.node("list");
	      this.next();
	      if (!isShort && this.expect("(")) this.next();
	      const assignList = this.read_array_pair_list(isShort);
	      if (this.expect(isShort ? "]" : ")")) this.next();
	      return result(assignList, isShort);
	    } else {
	      return this.read_variable(false, false);
	    }
	  },
	};
	return loops;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var main;
var hasRequiredMain;

function requireMain () {
	if (hasRequiredMain) return main;
	hasRequiredMain = 1;

	main = {
	  /*
	   * ```ebnf
	   * start ::= (namespace | top_statement)*
	   * ```
	   */
	  read_start() {
	    if (this.token == this.tok.T_NAMESPACE) {
	      return this.read_namespace();
	    } else {
	      return this.read_top_statement();
	    }
	  },
	};
	return main;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var namespace$1;
var hasRequiredNamespace$1;

function requireNamespace$1 () {
	if (hasRequiredNamespace$1) return namespace$1;
	hasRequiredNamespace$1 = 1;

	namespace$1 = {
	  /*
	   * Reads a namespace declaration block
	   * ```ebnf
	   * namespace ::= T_NAMESPACE namespace_name? '{'
	   *    top_statements
	   * '}'
	   * | T_NAMESPACE namespace_name ';' top_statements
	   * ```
	   * @see http://php.net/manual/en/language.namespaces.php
	   * @return {Namespace}
	   */
	  read_namespace() {
	    const result = this.node("namespace");
	    let body;
	    this.expect(this.tok.T_NAMESPACE) && this.next();
	    let name;

	    if (this.token === "{") {
	      name = {
	        name: [""],
	      };
	    } else {
	      name = this.read_namespace_name();
	    }
	    this.currentNamespace = name;

	    if (this.token === ";") {
	      this.currentNamespace = name;
	      body = this.next().read_top_statements(true);
	      return result(name.name, body, false);
	    } else if (this.token === "{") {
	      this.currentNamespace = name;
	      body = this.next().read_top_statements();
	      this.expect("}") && this.next();
	      if (
	        body.length === 0 &&
	        this.extractDoc &&
	        this._docs.length > this._docIndex
	      ) {
	        body.push(this.node("noop")());
	      }
	      return result(name.name, body, true);
	    } else {
	      this.error(["{", ";"]);
	      // graceful mode :
	      this.currentNamespace = name;
	      body = this.read_top_statements();
	      this.expect(this.EOF);
	      return result(name, body, false);
	    }
	  },
	  /*
	   * Reads a namespace name
	   * ```ebnf
	   *  namespace_name ::= T_NS_SEPARATOR? (T_STRING T_NS_SEPARATOR)* T_STRING
	   * ```
	   * @see http://php.net/manual/en/language.namespaces.rules.php
	   * @return {Reference}
	   */
	  read_namespace_name(resolveReference) {
	    const result = this.node();
	    let resolution;
	    let name = this.text();
	    switch (this.token) {
	      case this.tok.T_NAME_RELATIVE:
	        resolution = this.ast.name.RELATIVE_NAME;
	        name = name.replace(/^namespace\\/, "");
	        break;
	      case this.tok.T_NAME_QUALIFIED:
	        resolution = this.ast.name.QUALIFIED_NAME;
	        break;
	      case this.tok.T_NAME_FULLY_QUALIFIED:
	        resolution = this.ast.name.FULL_QUALIFIED_NAME;
	        break;
	      default:
	        resolution = this.ast.name.UNQUALIFIED_NAME;
	        if (!this.expect(this.tok.T_STRING)) {
	          // graceful mode
	          return result("name", "", this.ast.name.FULL_QUALIFIED_NAME);
	        }
	    }

	    this.next();

	    if (resolveReference || this.token !== "(") {
	      if (name.toLowerCase() === "parent") {
	        return result("parentreference", name);
	      } else if (name.toLowerCase() === "self") {
	        return result("selfreference", name);
	      }
	    }

	    return result("name", name, resolution);
	  },
	  /*
	   * Reads a use statement
	   * ```ebnf
	   * use_statement ::= T_USE
	   *   use_type? use_declarations |
	   *   use_type use_statement '{' use_declarations '}' |
	   *   use_statement '{' use_declarations(=>typed) '}'
	   * ';'
	   * ```
	   * @see http://php.net/manual/en/language.namespaces.importing.php
	   * @return {UseGroup}
	   */
	  read_use_statement() {
	    let result = this.node("usegroup");
	    let items = [];
	    let name = null;
	    this.expect(this.tok.T_USE) && this.next();
	    const type = this.read_use_type();
	    items.push(this.read_use_declaration(false));
	    if (this.token === ",") {
	      items = items.concat(this.next().read_use_declarations(false));
	    } else if (this.token === "{") {
	      name = items[0].name;
	      items = this.next().read_use_declarations(type === null);
	      this.expect("}") && this.next();
	    }
	    result = result(name, type, items);
	    this.expect(";") && this.next();
	    return result;
	  },
	  /*
	   *
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1045
	   */
	  read_class_name_reference() {
	    // resolved as the same
	    return this.read_variable(true, false);
	  },
	  /*
	   * Reads a use declaration
	   * ```ebnf
	   * use_declaration ::= use_type? namespace_name use_alias
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L380
	   * @return {UseItem}
	   */
	  read_use_declaration(typed) {
	    const result = this.node("useitem");
	    let type = null;
	    if (typed) type = this.read_use_type();
	    const name = this.read_namespace_name();
	    const alias = this.read_use_alias();
	    return result(name.name, alias, type);
	  },
	  /*
	   * Reads a list of use declarations
	   * ```ebnf
	   * use_declarations ::= use_declaration (',' use_declaration)*
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L380
	   * @return {UseItem[]}
	   */
	  read_use_declarations(typed) {
	    const result = [this.read_use_declaration(typed)];
	    while (this.token === ",") {
	      this.next();
	      if (typed) {
	        if (
	          this.token !== this.tok.T_NAME_RELATIVE &&
	          this.token !== this.tok.T_NAME_QUALIFIED &&
	          this.token !== this.tok.T_NAME_FULLY_QUALIFIED &&
	          this.token !== this.tok.T_FUNCTION &&
	          this.token !== this.tok.T_CONST &&
	          this.token !== this.tok.T_STRING
	        ) {
	          break;
	        }
	      } else if (
	        this.token !== this.tok.T_NAME_RELATIVE &&
	        this.token !== this.tok.T_NAME_QUALIFIED &&
	        this.token !== this.tok.T_NAME_FULLY_QUALIFIED &&
	        this.token !== this.tok.T_STRING &&
	        this.token !== this.tok.T_NS_SEPARATOR
	      ) {
	        break;
	      }
	      result.push(this.read_use_declaration(typed));
	    }
	    return result;
	  },
	  /*
	   * Reads a use statement
	   * ```ebnf
	   * use_alias ::= (T_AS T_STRING)?
	   * ```
	   * @return {String|null}
	   */
	  read_use_alias() {
	    let result = null;
	    if (this.token === this.tok.T_AS) {
	      if (this.next().expect(this.tok.T_STRING)) {
	        const aliasName = this.node("identifier");
	        const name = this.text();
	        this.next();
	        result = aliasName(name);
	      }
	    }
	    return result;
	  },
	  /*
	   * Reads the namespace type declaration
	   * ```ebnf
	   * use_type ::= (T_FUNCTION | T_CONST)?
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L335
	   * @return {String|null} Possible values : function, const
	   */
	  read_use_type() {
	    if (this.token === this.tok.T_FUNCTION) {
	      this.next();
	      return this.ast.useitem.TYPE_FUNCTION;
	    } else if (this.token === this.tok.T_CONST) {
	      this.next();
	      return this.ast.useitem.TYPE_CONST;
	    }
	    return null;
	  },
	};
	return namespace$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var scalar;
var hasRequiredScalar;

function requireScalar () {
	if (hasRequiredScalar) return scalar;
	hasRequiredScalar = 1;

	const specialChar = {
	  "\\": "\\",
	  $: "$",
	  n: "\n",
	  r: "\r",
	  t: "\t",
	  f: String.fromCharCode(12),
	  v: String.fromCharCode(11),
	  e: String.fromCharCode(27),
	};

	scalar = {
	  /*
	   * Unescape special chars
	   */
	  resolve_special_chars(text, doubleQuote) {
	    if (!doubleQuote) {
	      // single quote fix
	      return text.replace(/\\\\/g, "\\").replace(/\\'/g, "'");
	    }
	    return text
	      .replace(/\\"/g, '"')
	      .replace(
	        /\\([\\$nrtfve]|[xX][0-9a-fA-F]{1,2}|[0-7]{1,3}|u{([0-9a-fA-F]+)})/g,
	        ($match, p1, p2) => {
	          if (specialChar[p1]) {
	            return specialChar[p1];
	          } else if ("x" === p1[0] || "X" === p1[0]) {
	            return String.fromCodePoint(parseInt(p1.substr(1), 16));
	          } else if ("u" === p1[0]) {
	            return String.fromCodePoint(parseInt(p2, 16));
	          } else {
	            return String.fromCodePoint(parseInt(p1, 8));
	          }
	        },
	      );
	  },

	  /*
	   * Remove all leading spaces each line for heredoc text if there is a indentation
	   * @param {string} text
	   * @param {number} indentation
	   * @param {boolean} indentation_uses_spaces
	   * @param {boolean} first_encaps_node if it is behind a variable, the first N spaces should not be removed
	   */
	  remove_heredoc_leading_whitespace_chars(
	    text,
	    indentation,
	    indentation_uses_spaces,
	    first_encaps_node,
	  ) {
	    if (indentation === 0) {
	      return text;
	    }

	    this.check_heredoc_indentation_level(
	      text,
	      indentation,
	      indentation_uses_spaces,
	      first_encaps_node,
	    );

	    const matchedChar = indentation_uses_spaces ? " " : "\t";
	    const removementRegExp = new RegExp(
	      `\\n${matchedChar}{${indentation}}`,
	      "g",
	    );
	    const removementFirstEncapsNodeRegExp = new RegExp(
	      `^${matchedChar}{${indentation}}`,
	    );

	    // Rough replace, need more check
	    if (first_encaps_node) {
	      // Remove text leading whitespace
	      text = text.replace(removementFirstEncapsNodeRegExp, "");
	    }

	    // Remove leading whitespace after \n
	    return text.replace(removementRegExp, "\n");
	  },

	  /*
	   * Check indentation level of heredoc in text, if mismatch, raiseError
	   * @param {string} text
	   * @param {number} indentation
	   * @param {boolean} indentation_uses_spaces
	   * @param {boolean} first_encaps_node if it is behind a variable, the first N spaces should not be removed
	   */
	  check_heredoc_indentation_level(
	    text,
	    indentation,
	    indentation_uses_spaces,
	    first_encaps_node,
	  ) {
	    const textSize = text.length;
	    let offset = 0;
	    let leadingWhitespaceCharCount = 0;
	    /*
	     * @var inCountingState {boolean} reset to true after a new line
	     * @private
	     */
	    let inCountingState = true;
	    const chToCheck = indentation_uses_spaces ? " " : "\t";
	    let inCheckState = false;
	    if (!first_encaps_node) {
	      // start from first \n
	      offset = text.indexOf("\n");
	      // if no \n, just return
	      if (offset === -1) {
	        return;
	      }
	      offset++;
	    }
	    while (offset < textSize) {
	      if (inCountingState) {
	        if (text[offset] === chToCheck) {
	          leadingWhitespaceCharCount++;
	        } else {
	          inCheckState = true;
	        }
	      }

	      if (
	        text[offset] !== "\n" &&
	        inCheckState &&
	        leadingWhitespaceCharCount < indentation
	      ) {
	        this.raiseError(
	          `Invalid body indentation level (expecting an indentation at least ${indentation})`,
	        );
	      } else {
	        inCheckState = false;
	      }

	      if (text[offset] === "\n") {
	        // Reset counting state
	        inCountingState = true;
	        leadingWhitespaceCharCount = 0;
	      }
	      offset++;
	    }
	  },

	  /*
	   * Reads dereferencable scalar
	   */
	  read_dereferencable_scalar() {
	    let result = null;

	    switch (this.token) {
	      case this.tok.T_CONSTANT_ENCAPSED_STRING:
	        {
	          let value = this.node("string");
	          const text = this.text();
	          let offset = 0;
	          if (text[0] === "b" || text[0] === "B") {
	            offset = 1;
	          }
	          const isDoubleQuote = text[offset] === '"';
	          this.next();
	          const textValue = this.resolve_special_chars(
	            text.substring(offset + 1, text.length - 1),
	            isDoubleQuote,
	          );
	          value = value(
	            isDoubleQuote,
	            textValue,
	            offset === 1, // unicode flag
	            text,
	          );
	          if (this.token === this.tok.T_DOUBLE_COLON) {
	            // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1151
	            result = this.read_static_getter(value);
	          } else {
	            // dirrect string
	            result = value;
	          }
	        }
	        break;
	      case this.tok.T_ARRAY: // array parser
	        result = this.read_array();
	        break;
	      case "[": // short array format
	        result = this.read_array();
	        break;
	    }

	    return result;
	  },

	  /*
	   * ```ebnf
	   *  scalar ::= T_MAGIC_CONST
	   *       | T_LNUMBER | T_DNUMBER
	   *       | T_START_HEREDOC T_ENCAPSED_AND_WHITESPACE? T_END_HEREDOC
	   *       | '"' encaps_list '"'
	   *       | T_START_HEREDOC encaps_list T_END_HEREDOC
	   *       | namespace_name (T_DOUBLE_COLON T_STRING)?
	   * ```
	   */
	  read_scalar() {
	    if (this.is("T_MAGIC_CONST")) {
	      return this.get_magic_constant();
	    } else {
	      let value, node;
	      switch (this.token) {
	        // NUMERIC
	        case this.tok.T_LNUMBER: // long
	        case this.tok.T_DNUMBER: {
	          // double
	          const result = this.node("number");
	          value = this.text();
	          this.next();
	          return result(value, null);
	        }
	        case this.tok.T_START_HEREDOC:
	          if (this.lexer.curCondition === "ST_NOWDOC") {
	            const start = this.lexer.yylloc.first_offset;
	            node = this.node("nowdoc");
	            value = this.next().text();
	            // strip the last line return char
	            if (this.lexer.heredoc_label.indentation > 0) {
	              value = value.substring(
	                0,
	                value.length - this.lexer.heredoc_label.indentation,
	              );
	            }
	            const lastCh = value[value.length - 1];
	            if (lastCh === "\n") {
	              if (value[value.length - 2] === "\r") {
	                // windows style
	                value = value.substring(0, value.length - 2);
	              } else {
	                // linux style
	                value = value.substring(0, value.length - 1);
	              }
	            } else if (lastCh === "\r") {
	              // mac style
	              value = value.substring(0, value.length - 1);
	            }
	            this.expect(this.tok.T_ENCAPSED_AND_WHITESPACE) && this.next();
	            this.expect(this.tok.T_END_HEREDOC) && this.next();
	            const raw = this.lexer._input.substring(
	              start,
	              this.lexer.yylloc.first_offset,
	            );
	            node = node(
	              this.remove_heredoc_leading_whitespace_chars(
	                value,
	                this.lexer.heredoc_label.indentation,
	                this.lexer.heredoc_label.indentation_uses_spaces,
	                this.lexer.heredoc_label.first_encaps_node,
	              ),
	              raw,
	              this.lexer.heredoc_label.label,
	            );
	            this.lexer.heredoc_label.finished = true;
	            return node;
	          } else {
	            return this.read_encapsed_string(this.tok.T_END_HEREDOC);
	          }

	        case '"':
	          return this.read_encapsed_string('"');

	        case 'b"':
	        case 'B"': {
	          return this.read_encapsed_string('"', true);
	        }

	        // TEXTS
	        case this.tok.T_CONSTANT_ENCAPSED_STRING:
	        case this.tok.T_ARRAY: // array parser
	        case "[": // short array format
	          return this.read_dereferencable_scalar();
	        default: {
	          const err = this.error("SCALAR");
	          // graceful mode : ignore token & return error node
	          this.next();
	          return err;
	        }
	      }
	    }
	  },
	  /*
	   * Handles the dereferencing
	   */
	  read_dereferencable(expr) {
	    let result, offset;
	    const node = this.node("offsetlookup");
	    if (this.token === "[") {
	      offset = this.next().read_expr();
	      if (this.expect("]")) this.next();
	      result = node(expr, offset);
	    } else if (this.token === this.tok.T_DOLLAR_OPEN_CURLY_BRACES) {
	      offset = this.read_encapsed_string_item(false);
	      result = node(expr, offset);
	    }
	    return result;
	  },
	  /*
	   * Reads and extracts an encapsed item
	   * ```ebnf
	   * encapsed_string_item ::= T_ENCAPSED_AND_WHITESPACE
	   *  | T_DOLLAR_OPEN_CURLY_BRACES expr '}'
	   *  | T_DOLLAR_OPEN_CURLY_BRACES T_STRING_VARNAME '}'
	   *  | T_DOLLAR_OPEN_CURLY_BRACES T_STRING_VARNAME '[' expr ']' '}'
	   *  | T_CURLY_OPEN variable '}'
	   *  | variable
	   *  | variable '[' expr ']'
	   *  | variable T_OBJECT_OPERATOR T_STRING
	   * ```
	   * @return {String|Variable|Expr|Lookup}
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1219
	   */
	  read_encapsed_string_item(isDoubleQuote) {
	    const encapsedPart = this.node("encapsedpart");
	    let syntax = null;
	    let curly = false;
	    let result = this.node(),
	      offset,
	      node,
	      name;

	    // plain text
	    // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1222
	    if (this.token === this.tok.T_ENCAPSED_AND_WHITESPACE) {
	      const text = this.text();
	      this.next();

	      // if this.lexer.heredoc_label.first_encaps_node -> remove first indents
	      result = result(
	        "string",
	        false,
	        this.version >= 703 && !this.lexer.heredoc_label.finished
	          ? this.resolve_special_chars(
	              this.remove_heredoc_leading_whitespace_chars(
	                text,
	                this.lexer.heredoc_label.indentation,
	                this.lexer.heredoc_label.indentation_uses_spaces,
	                this.lexer.heredoc_label.first_encaps_node,
	              ),
	              isDoubleQuote,
	            )
	          : this.resolve_special_chars(text, isDoubleQuote),
	        false,
	        text,
	      );
	    } else if (this.token === this.tok.T_DOLLAR_OPEN_CURLY_BRACES) {
	      syntax = "simple";
	      curly = true;
	      // dynamic variable name
	      // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1239
	      if (this.next().token === this.tok.T_STRING_VARNAME) {
	        name = this.node("variable");
	        const varName = this.text();
	        this.next();
	        // check if lookup an offset
	        // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1243
	        result.destroy();
	        if (this.token === "[") {
	          name = name(varName, false);
	          node = this.node("offsetlookup");
	          offset = this.next().read_expr();
	          this.expect("]") && this.next();
	          result = node(name, offset);
	        } else {
	          result = name(varName, false);
	        }
	      } else {
	        result = result("variable", this.read_expr(), false);
	      }
	      this.expect("}") && this.next();
	    } else if (this.token === this.tok.T_CURLY_OPEN) {
	      // expression
	      // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1246
	      syntax = "complex";
	      result.destroy();
	      result = this.next().read_variable(false, false);
	      this.expect("}") && this.next();
	    } else if (this.token === this.tok.T_VARIABLE) {
	      syntax = "simple";
	      // plain variable
	      // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1231
	      result.destroy();
	      result = this.read_simple_variable();

	      // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1233
	      if (this.token === "[") {
	        node = this.node("offsetlookup");
	        offset = this.next().read_encaps_var_offset();
	        this.expect("]") && this.next();
	        result = node(result, offset);
	      }

	      // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L1236
	      if (this.token === this.tok.T_OBJECT_OPERATOR) {
	        node = this.node("propertylookup");
	        this.next().expect(this.tok.T_STRING);
	        const what = this.node("identifier");
	        name = this.text();
	        this.next();
	        result = node(result, what(name));
	      }

	      // error / fallback
	    } else {
	      this.expect(this.tok.T_ENCAPSED_AND_WHITESPACE);
	      const value = this.text();
	      this.next();
	      // consider it as string
	      result.destroy();
	      result = result("string", false, value, false, value);
	    }

	    // reset first_encaps_node to false after access any node
	    this.lexer.heredoc_label.first_encaps_node = false;
	    return encapsedPart(result, syntax, curly);
	  },
	  /*
	   * Reads an encapsed string
	   */
	  read_encapsed_string(expect, isBinary = false) {
	    const labelStart = this.lexer.yylloc.first_offset;
	    let node = this.node("encapsed");
	    this.next();
	    const start = this.lexer.yylloc.prev_offset - (isBinary ? 1 : 0);
	    const value = [];
	    let type;

	    if (expect === "`") {
	      type = this.ast.encapsed.TYPE_SHELL;
	    } else if (expect === '"') {
	      type = this.ast.encapsed.TYPE_STRING;
	    } else {
	      type = this.ast.encapsed.TYPE_HEREDOC;
	    }

	    // reading encapsed parts
	    while (this.token !== expect && this.token !== this.EOF) {
	      value.push(this.read_encapsed_string_item(true));
	    }
	    if (
	      type === this.ast.encapsed.TYPE_HEREDOC &&
	      value.length > 0 &&
	      value[value.length - 1].kind === "encapsedpart" &&
	      value[value.length - 1].expression.kind === "string"
	    ) {
	      const node = value[value.length - 1].expression;
	      const lastCh = node.value[node.value.length - 1];
	      if (lastCh === "\n") {
	        if (node.value[node.value.length - 2] === "\r") {
	          // windows style
	          node.value = node.value.substring(0, node.value.length - 2);
	        } else {
	          // linux style
	          node.value = node.value.substring(0, node.value.length - 1);
	        }
	      } else if (lastCh === "\r") {
	        // mac style
	        node.value = node.value.substring(0, node.value.length - 1);
	      }
	    }
	    this.expect(expect) && this.next();
	    const raw = this.lexer._input.substring(
	      type === "heredoc" ? labelStart : start - 1,
	      this.lexer.yylloc.first_offset,
	    );
	    node = node(value, raw, type);

	    if (expect === this.tok.T_END_HEREDOC) {
	      node.label = this.lexer.heredoc_label.label;
	      this.lexer.heredoc_label.finished = true;
	    }
	    return node;
	  },
	  /*
	   * Constant token
	   */
	  get_magic_constant() {
	    const result = this.node("magic");
	    const name = this.text();
	    this.next();
	    return result(name.toUpperCase(), name);
	  },
	};
	return scalar;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var statement$1;
var hasRequiredStatement$1;

function requireStatement$1 () {
	if (hasRequiredStatement$1) return statement$1;
	hasRequiredStatement$1 = 1;

	statement$1 = {
	  /*
	   * reading a list of top statements (helper for top_statement*)
	   * ```ebnf
	   *  top_statements ::= top_statement*
	   * ```
	   */
	  read_top_statements(stopAtNamespace) {
	    let result = [];
	    while (this.token !== this.EOF && this.token !== "}") {
	      if (stopAtNamespace && this.token === this.tok.T_NAMESPACE) break;
	      const statement = this.read_top_statement();
	      if (statement) {
	        if (Array.isArray(statement)) {
	          result = result.concat(statement);
	        } else {
	          result.push(statement);
	        }
	      }
	    }
	    return result;
	  },
	  /*
	   * reading a top statement
	   * ```ebnf
	   *  top_statement ::=
	   *       namespace | function | class
	   *       | interface | trait
	   *       | use_statements | const_list
	   *       | statement
	   * ```
	   */
	  read_top_statement() {
	    let attrs = [];
	    if (this.token === this.tok.T_ATTRIBUTE) {
	      attrs = this.read_attr_list();
	    }
	    switch (this.token) {
	      case this.tok.T_FUNCTION:
	        return this.read_function(false, false, attrs);
	      // optional flags
	      case this.tok.T_ABSTRACT:
	      case this.tok.T_FINAL:
	      case this.tok.T_READ_ONLY:
	      case this.tok.T_CLASS:
	        return this.read_class_declaration_statement(attrs);
	      case this.tok.T_INTERFACE:
	        return this.read_interface_declaration_statement(attrs);
	      case this.tok.T_TRAIT:
	        return this.read_trait_declaration_statement(attrs);
	      case this.tok.T_ENUM:
	        return this.read_enum_declaration_statement(attrs);
	      case this.tok.T_USE:
	        return this.read_use_statement();
	      case this.tok.T_CONST: {
	        const result = this.node("constantstatement");
	        const items = this.next().read_const_list();
	        this.expectEndOfStatement();
	        return result(null, items);
	      }
	      case this.tok.T_NAMESPACE:
	        return this.read_namespace();
	      case this.tok.T_HALT_COMPILER: {
	        const result = this.node("halt");
	        if (this.next().expect("(")) this.next();
	        if (this.expect(")")) this.next();
	        this.expect(";");
	        this.lexer.done = true;
	        return result(this.lexer._input.substring(this.lexer.offset));
	      }
	      default:
	        return this.read_statement();
	    }
	  },
	  /*
	   * reads a list of simple inner statements (helper for inner_statement*)
	   * ```ebnf
	   *  inner_statements ::= inner_statement*
	   * ```
	   */
	  read_inner_statements() {
	    let result = [];
	    while (this.token != this.EOF && this.token !== "}") {
	      const statement = this.read_inner_statement();
	      if (statement) {
	        if (Array.isArray(statement)) {
	          result = result.concat(statement);
	        } else {
	          result.push(statement);
	        }
	      }
	    }
	    return result;
	  },
	  /*
	   * Reads a list of constants declaration
	   * ```ebnf
	   *   const_list ::= T_CONST T_STRING '=' expr (',' T_STRING '=' expr)* ';'
	   * ```
	   */
	  read_const_list() {
	    return this.read_list(
	      function () {
	        this.expect(this.tok.T_STRING);
	        const result = this.node("constant");
	        let constName = this.node("identifier");
	        const name = this.text();
	        this.next();
	        constName = constName(name);
	        if (this.expect("=")) {
	          return result(constName, this.next().read_expr());
	        } else {
	          // fallback
	          return result(constName, null);
	        }
	      },
	      ",",
	      false,
	    );
	  },
	  /*
	   * Reads a list of constants declaration
	   * ```ebnf
	   *   declare_list ::= IDENTIFIER '=' expr (',' IDENTIFIER '=' expr)*
	   * ```
	   * @retrurn {Array}
	   */
	  read_declare_list() {
	    const result = [];
	    while (this.token != this.EOF && this.token !== ")") {
	      this.expect(this.tok.T_STRING);
	      const directive = this.node("declaredirective");
	      let key = this.node("identifier");
	      const name = this.text();
	      this.next();
	      key = key(name);
	      let value = null;
	      if (this.expect("=")) {
	        value = this.next().read_expr();
	      }
	      result.push(directive(key, value));
	      if (this.token !== ",") break;
	      this.next();
	    }
	    return result;
	  },
	  /*
	   * reads a simple inner statement
	   * ```ebnf
	   *  inner_statement ::= '{' inner_statements '}' | token
	   * ```
	   */
	  read_inner_statement() {
	    let attrs = [];
	    if (this.token === this.tok.T_ATTRIBUTE) {
	      attrs = this.read_attr_list();
	    }
	    switch (this.token) {
	      case this.tok.T_FUNCTION: {
	        const result = this.read_function(false, false);
	        result.attrGroups = attrs;
	        return result;
	      }
	      // optional flags
	      case this.tok.T_ABSTRACT:
	      case this.tok.T_FINAL:
	      case this.tok.T_CLASS:
	        return this.read_class_declaration_statement();
	      case this.tok.T_INTERFACE:
	        return this.read_interface_declaration_statement();
	      case this.tok.T_TRAIT:
	        return this.read_trait_declaration_statement(attrs);
	      case this.tok.T_ENUM:
	        return this.read_enum_declaration_statement(attrs);
	      case this.tok.T_HALT_COMPILER: {
	        this.raiseError(
	          "__HALT_COMPILER() can only be used from the outermost scope",
	        );
	        // fallback : returns a node but does not stop the parsing
	        let node = this.node("halt");
	        this.next().expect("(") && this.next();
	        this.expect(")") && this.next();
	        node = node(this.lexer._input.substring(this.lexer.offset));
	        this.expect(";") && this.next();
	        return node;
	      }
	      default:
	        return this.read_statement();
	    }
	  },
	  /*
	   * Reads statements
	   */
	  read_statement() {
	    switch (this.token) {
	      case "{":
	        return this.read_code_block(false);

	      case this.tok.T_IF:
	        return this.read_if();

	      case this.tok.T_SWITCH:
	        return this.read_switch();

	      case this.tok.T_FOR:
	        return this.read_for();

	      case this.tok.T_FOREACH:
	        return this.read_foreach();

	      case this.tok.T_WHILE:
	        return this.read_while();

	      case this.tok.T_DO:
	        return this.read_do();

	      case this.tok.T_COMMENT:
	        return this.read_comment();

	      case this.tok.T_DOC_COMMENT:
	        return this.read_doc_comment();

	      case this.tok.T_RETURN: {
	        const result = this.node("return");
	        this.next();
	        const expr = this.read_optional_expr(";");
	        this.expectEndOfStatement();
	        return result(expr);
	      }

	      // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L429
	      case this.tok.T_BREAK:
	      case this.tok.T_CONTINUE: {
	        const result = this.node(
	          this.token === this.tok.T_CONTINUE ? "continue" : "break",
	        );
	        this.next();
	        const level = this.read_optional_expr(";");
	        this.expectEndOfStatement();
	        return result(level);
	      }

	      case this.tok.T_GLOBAL: {
	        const result = this.node("global");
	        const items = this.next().read_list(this.read_simple_variable, ",");
	        this.expectEndOfStatement();
	        return result(items);
	      }

	      case this.tok.T_STATIC: {
	        const current = [this.token, this.lexer.getState()];
	        const result = this.node();
	        if (this.next().token === this.tok.T_DOUBLE_COLON) {
	          // static keyword for a class
	          this.lexer.tokens.push(current);
	          const expr = this.next().read_expr();
	          this.expectEndOfStatement(expr);
	          return result("expressionstatement", expr);
	        }
	        if (this.token === this.tok.T_FUNCTION) {
	          return this.read_function(true, [0, 1, 0]);
	        }
	        const items = this.read_variable_declarations();
	        this.expectEndOfStatement();
	        return result("static", items);
	      }

	      case this.tok.T_ECHO: {
	        const result = this.node("echo");
	        const text = this.text();
	        const shortForm = text === "<?=" || text === "<%=";
	        const expressions = this.next().read_function_list(this.read_expr, ",");
	        this.expectEndOfStatement();
	        return result(expressions, shortForm);
	      }

	      case this.tok.T_INLINE_HTML: {
	        const value = this.text();
	        let prevChar =
	          this.lexer.yylloc.first_offset > 0
	            ? this.lexer._input[this.lexer.yylloc.first_offset - 1]
	            : null;
	        const fixFirstLine = prevChar === "\r" || prevChar === "\n";
	        // revert back the first stripped line
	        if (fixFirstLine) {
	          if (
	            prevChar === "\n" &&
	            this.lexer.yylloc.first_offset > 1 &&
	            this.lexer._input[this.lexer.yylloc.first_offset - 2] === "\r"
	          ) {
	            prevChar = "\r\n";
	          }
	        }
	        const result = this.node("inline");
	        this.next();
	        return result(value, fixFirstLine ? prevChar + value : value);
	      }

	      case this.tok.T_UNSET: {
	        const result = this.node("unset");
	        this.next().expect("(") && this.next();
	        const variables = this.read_function_list(this.read_variable, ",");
	        this.expect(")") && this.next();
	        this.expect(";") && this.next();
	        return result(variables);
	      }

	      case this.tok.T_DECLARE: {
	        const result = this.node("declare");
	        const body = [];
	        let mode;
	        this.next().expect("(") && this.next();
	        const directives = this.read_declare_list();
	        this.expect(")") && this.next();
	        if (this.token === ":") {
	          this.next();
	          while (
	            this.token != this.EOF &&
	            this.token !== this.tok.T_ENDDECLARE
	          ) {
	            // @todo : check declare_statement from php / not valid
	            body.push(this.read_top_statement());
	          }
	          if (
	            body.length === 0 &&
	            this.extractDoc &&
	            this._docs.length > this._docIndex
	          ) {
	            body.push(this.node("noop")());
	          }
	          this.expect(this.tok.T_ENDDECLARE) && this.next();
	          this.expectEndOfStatement();
	          mode = this.ast.declare.MODE_SHORT;
	        } else if (this.token === "{") {
	          this.next();
	          while (this.token != this.EOF && this.token !== "}") {
	            // @todo : check declare_statement from php / not valid
	            body.push(this.read_top_statement());
	          }
	          if (
	            body.length === 0 &&
	            this.extractDoc &&
	            this._docs.length > this._docIndex
	          ) {
	            body.push(this.node("noop")());
	          }
	          this.expect("}") && this.next();
	          mode = this.ast.declare.MODE_BLOCK;
	        } else {
	          this.expect(";") && this.next();
	          mode = this.ast.declare.MODE_NONE;
	        }
	        return result(directives, body, mode);
	      }

	      case this.tok.T_TRY:
	        return this.read_try();

	      case this.tok.T_THROW: {
	        const result = this.node("throw");
	        const expr = this.next().read_expr();
	        this.expectEndOfStatement();
	        return result(expr);
	      }

	      // ignore this (extra ponctuation)
	      case ";": {
	        this.next();
	        return null;
	      }

	      case this.tok.T_STRING: {
	        const result = this.node();
	        const current = [this.token, this.lexer.getState()];
	        const labelNameText = this.text();
	        let labelName = this.node("identifier");
	        // AST : https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L457
	        if (this.next().token === ":") {
	          labelName = labelName(labelNameText);
	          this.next();
	          return result("label", labelName);
	        } else {
	          labelName.destroy();
	        }

	        // default fallback expr / T_STRING '::' (etc...)
	        result.destroy();
	        this.lexer.tokens.push(current);
	        const statement = this.node("expressionstatement");
	        const expr = this.next().read_expr();
	        this.expectEndOfStatement(expr);
	        return statement(expr);
	      }

	      case this.tok.T_GOTO: {
	        const result = this.node("goto");
	        let labelName = null;
	        if (this.next().expect(this.tok.T_STRING)) {
	          labelName = this.node("identifier");
	          const name = this.text();
	          this.next();
	          labelName = labelName(name);
	          this.expectEndOfStatement();
	        }
	        return result(labelName);
	      }

	      default: {
	        // default fallback expr
	        const statement = this.node("expressionstatement");
	        const expr = this.read_expr();
	        this.expectEndOfStatement(expr);
	        return statement(expr);
	      }
	    }
	  },
	  /*
	   * ```ebnf
	   *  code_block ::= '{' (inner_statements | top_statements) '}'
	   * ```
	   */
	  read_code_block(top) {
	    const result = this.node("block");
	    this.expect("{") && this.next();
	    const body = top
	      ? this.read_top_statements()
	      : this.read_inner_statements();
	    if (
	      body.length === 0 &&
	      this.extractDoc &&
	      this._docs.length > this._docIndex
	    ) {
	      body.push(this.node("noop")());
	    }
	    this.expect("}") && this.next();
	    return result(null, body);
	  },
	};
	return statement$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _switch$1;
var hasRequired_switch$1;

function require_switch$1 () {
	if (hasRequired_switch$1) return _switch$1;
	hasRequired_switch$1 = 1;

	_switch$1 = {
	  /*
	   * Reads a switch statement
	   * ```ebnf
	   *  switch ::= T_SWITCH '(' expr ')' switch_case_list
	   * ```
	   * @return {Switch}
	   * @see http://php.net/manual/en/control-structures.switch.php
	   */
	  read_switch() {
	    const result = this.node("switch");
	    this.expect(this.tok.T_SWITCH) && this.next();
	    this.expect("(") && this.next();
	    const test = this.read_expr();
	    this.expect(")") && this.next();
	    const shortForm = this.token === ":";
	    const body = this.read_switch_case_list();
	    return result(test, body, shortForm);
	  },
	  /*
	   * ```ebnf
	   *  switch_case_list ::= '{' ';'? case_list* '}' | ':' ';'? case_list* T_ENDSWITCH ';'
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L566
	   */
	  read_switch_case_list() {
	    // DETECT SWITCH MODE
	    let expect = null;
	    const result = this.node("block");
	    const items = [];
	    if (this.token === "{") {
	      expect = "}";
	    } else if (this.token === ":") {
	      expect = this.tok.T_ENDSWITCH;
	    } else {
	      this.expect(["{", ":"]);
	    }
	    this.next();
	    // OPTIONNAL ';'
	    // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L570
	    if (this.token === ";") {
	      this.next();
	    }
	    // EXTRACTING CASES
	    while (this.token !== this.EOF && this.token !== expect) {
	      items.push(this.read_case_list(expect));
	    }
	    if (
	      items.length === 0 &&
	      this.extractDoc &&
	      this._docs.length > this._docIndex
	    ) {
	      items.push(this.node("noop")());
	    }
	    // CHECK END TOKEN
	    this.expect(expect) && this.next();
	    if (expect === this.tok.T_ENDSWITCH) {
	      this.expectEndOfStatement();
	    }
	    return result(null, items);
	  },
	  /*
	   * ```ebnf
	   *   case_list ::= ((T_CASE expr) | T_DEFAULT) (':' | ';') inner_statement*
	   * ```
	   */
	  read_case_list(stopToken) {
	    const result = this.node("case");
	    let test = null;
	    if (this.token === this.tok.T_CASE) {
	      test = this.next().read_expr();
	    } else if (this.token === this.tok.T_DEFAULT) {
	      // the default entry - no condition
	      this.next();
	    } else {
	      this.expect([this.tok.T_CASE, this.tok.T_DEFAULT]);
	    }
	    // case_separator
	    this.expect([":", ";"]) && this.next();
	    const body = this.node("block");
	    const items = [];
	    while (
	      this.token !== this.EOF &&
	      this.token !== stopToken &&
	      this.token !== this.tok.T_CASE &&
	      this.token !== this.tok.T_DEFAULT
	    ) {
	      items.push(this.read_inner_statement());
	    }
	    return result(test, body(null, items));
	  },
	};
	return _switch$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _try$1;
var hasRequired_try$1;

function require_try$1 () {
	if (hasRequired_try$1) return _try$1;
	hasRequired_try$1 = 1;

	_try$1 = {
	  /*
	   * ```ebnf
	   *  try ::= T_TRY '{' inner_statement* '}'
	   *          (
	   *              T_CATCH '(' namespace_name (variable)? ')' '{'  inner_statement* '}'
	   *          )*
	   *          (T_FINALLY '{' inner_statement* '}')?
	   * ```
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L448
	   * @return {Try}
	   */
	  read_try() {
	    this.expect(this.tok.T_TRY);
	    const result = this.node("try");
	    let always = null;
	    const catches = [];
	    const body = this.next().read_statement();
	    // https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L455
	    while (this.token === this.tok.T_CATCH) {
	      const item = this.node("catch");
	      this.next().expect("(") && this.next();
	      const what = this.read_list(this.read_namespace_name, "|", false);
	      let variable = null;
	      if (this.version < 800 || this.token === this.tok.T_VARIABLE) {
	        variable = this.read_variable(true, false);
	      }
	      this.expect(")");
	      catches.push(item(this.next().read_statement(), what, variable));
	    }
	    if (this.token === this.tok.T_FINALLY) {
	      always = this.next().read_statement();
	    }
	    return result(body, catches, always);
	  },
	};
	return _try$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var utils;
var hasRequiredUtils;

function requireUtils () {
	if (hasRequiredUtils) return utils;
	hasRequiredUtils = 1;

	utils = {
	  /*
	   * Reads a short form of tokens
	   * @param {Number} token - The ending token
	   * @return {Block}
	   */
	  read_short_form(token) {
	    const body = this.node("block");
	    const items = [];
	    /* istanbul ignore next */
	    if (this.expect(":")) this.next();
	    while (this.token != this.EOF && this.token !== token) {
	      items.push(this.read_inner_statement());
	    }
	    if (
	      items.length === 0 &&
	      this.extractDoc &&
	      this._docs.length > this._docIndex
	    ) {
	      items.push(this.node("noop")());
	    }
	    /* istanbul ignore next */
	    if (this.expect(token)) this.next();
	    this.expectEndOfStatement();
	    return body(null, items);
	  },

	  /*
	   * https://wiki.php.net/rfc/trailing-comma-function-calls
	   * @param {*} item
	   * @param {*} separator
	   */
	  read_function_list(item, separator) {
	    const result = [];
	    do {
	      if (this.token == separator && this.version >= 703 && result.length > 0) {
	        result.push(this.node("noop")());
	        break;
	      }
	      result.push(item.apply(this, []));
	      if (this.token != separator) {
	        break;
	      }
	      if (this.next().token == ")" && this.version >= 703) {
	        break;
	      }
	    } while (this.token != this.EOF);
	    return result;
	  },

	  /*
	   * Helper : reads a list of tokens / sample : T_STRING ',' T_STRING ...
	   * ```ebnf
	   * list ::= separator? ( item separator )* item
	   * ```
	   */
	  read_list(item, separator, preserveFirstSeparator) {
	    const result = [];

	    if (this.token == separator) {
	      if (preserveFirstSeparator) {
	        result.push(typeof item === "function" ? this.node("noop")() : null);
	        this.next();
	      } else {
	        this.error();
	        return result;
	      }
	    }

	    if (typeof item === "function") {
	      do {
	        const itemResult = item.apply(this, []);
	        if (itemResult) {
	          result.push(itemResult);
	        }
	        if (this.token != separator) {
	          break;
	        }
	      } while (this.next().token != this.EOF);
	    } else {
	      if (this.expect(item)) {
	        result.push(this.text());
	      } else {
	        return [];
	      }
	      while (this.next().token != this.EOF) {
	        if (this.token != separator) break;
	        // trim current separator & check item
	        if (this.next().token != item) break;
	        result.push(this.text());
	      }
	    }
	    return result;
	  },

	  /*
	   * Reads a list of names separated by a comma
	   *
	   * ```ebnf
	   * name_list ::= namespace (',' namespace)*
	   * ```
	   *
	   * Sample code :
	   * ```php
	   * <?php class foo extends bar, baz { }
	   * ```
	   *
	   * @see https://github.com/php/php-src/blob/master/Zend/zend_language_parser.y#L726
	   * @return {Reference[]}
	   */
	  read_name_list() {
	    return this.read_list(this.read_namespace_name, ",", false);
	  },

	  /*
	   * Reads the byref token and assign it to the specified node
	   * @param {*} cb
	   */
	  read_byref(cb) {
	    let byref = this.node("byref");
	    this.next();
	    byref = byref(null);
	    const result = cb();
	    if (result) {
	      this.ast.swapLocations(result, byref, result, this);
	      result.byref = true;
	    }
	    return result;
	  },

	  /*
	   * Reads a list of variables declarations
	   *
	   * ```ebnf
	   * variable_declaration ::= T_VARIABLE ('=' expr)?*
	   * variable_declarations ::= variable_declaration (',' variable_declaration)*
	   * ```
	   *
	   * Sample code :
	   * ```php
	   * <?php static $a = 'hello', $b = 'world';
	   * ```
	   * @return {StaticVariable[]} Returns an array composed by a list of variables, or
	   * assign values
	   */
	  read_variable_declarations() {
	    return this.read_list(function () {
	      const node = this.node("staticvariable");
	      let variable = this.node("variable");
	      // plain variable name
	      /* istanbul ignore else */
	      if (this.expect(this.tok.T_VARIABLE)) {
	        const name = this.text().substring(1);
	        this.next();
	        variable = variable(name, false);
	      } else {
	        variable = variable("#ERR", false);
	      }
	      if (this.token === "=") {
	        return node(variable, this.next().read_expr());
	      } else {
	        return variable;
	      }
	    }, ",");
	  },

	  /*
	   * Reads class extends
	   */
	  read_extends_from() {
	    if (this.token === this.tok.T_EXTENDS) {
	      return this.next().read_namespace_name();
	    }

	    return null;
	  },

	  /*
	   * Reads interface extends list
	   */
	  read_interface_extends_list() {
	    if (this.token === this.tok.T_EXTENDS) {
	      return this.next().read_name_list();
	    }

	    return null;
	  },

	  /*
	   * Reads implements list
	   */
	  read_implements_list() {
	    if (this.token === this.tok.T_IMPLEMENTS) {
	      return this.next().read_name_list();
	    }

	    return null;
	  },
	};
	return utils;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var variable$1;
var hasRequiredVariable$1;

function requireVariable$1 () {
	if (hasRequiredVariable$1) return variable$1;
	hasRequiredVariable$1 = 1;

	variable$1 = {
	  /*
	   * Reads a variable
	   *
	   * ```ebnf
	   *   variable ::= &? ...complex @todo
	   * ```
	   *
	   * Some samples of parsed code :
	   * ```php
	   *  &$var                      // simple var
	   *  $var                      // simple var
	   *  classname::CONST_NAME     // dynamic class name with const retrieval
	   *  foo()                     // function call
	   *  $var->func()->property    // chained calls
	   * ```
	   */
	  read_variable(read_only, encapsed) {
	    let result;
	    // check the byref flag
	    if (this.token === "&") {
	      return this.read_byref(
	        this.read_variable.bind(this, read_only, encapsed),
	      );
	    }

	    // reads the entry point
	    if (this.is([this.tok.T_VARIABLE, "$"])) {
	      result = this.read_reference_variable(encapsed);
	    } else if (
	      this.is([
	        this.tok.T_NS_SEPARATOR,
	        this.tok.T_STRING,
	        this.tok.T_NAME_RELATIVE,
	        this.tok.T_NAME_QUALIFIED,
	        this.tok.T_NAME_FULLY_QUALIFIED,
	        this.tok.T_NAMESPACE,
	      ])
	    ) {
	      result = this.node();
	      const name = this.read_namespace_name();
	      if (
	        this.token != this.tok.T_DOUBLE_COLON &&
	        this.token != "(" &&
	        ["parentreference", "selfreference"].indexOf(name.kind) === -1
	      ) {
	        // @see parser.js line 130 : resolves a conflict with scalar
	        const literal = name.name.toLowerCase();
	        if (literal === "true") {
	          result = name.destroy(result("boolean", true, name.name));
	        } else if (literal === "false") {
	          result = name.destroy(result("boolean", false, name.name));
	        } else if (literal === "null") {
	          result = name.destroy(result("nullkeyword", name.name));
	        } else {
	          result.destroy(name);
	          result = name;
	        }
	      } else {
	        // @fixme possible #193 bug
	        result.destroy(name);
	        result = name;
	      }
	    } else if (this.token === this.tok.T_STATIC) {
	      result = this.node("staticreference");
	      const raw = this.text();
	      this.next();
	      result = result(raw);
	    } else {
	      this.expect("VARIABLE");
	    }

	    // static mode
	    if (this.token === this.tok.T_DOUBLE_COLON) {
	      result = this.read_static_getter(result, encapsed);
	    }

	    return this.recursive_variable_chain_scan(result, read_only, encapsed);
	  },

	  // resolves a static call
	  read_static_getter(what, encapsed) {
	    const result = this.node("staticlookup");
	    let offset, name;
	    if (this.next().is([this.tok.T_VARIABLE, "$"])) {
	      offset = this.read_reference_variable(encapsed);
	    } else if (
	      this.token === this.tok.T_STRING ||
	      this.token === this.tok.T_CLASS ||
	      (this.version >= 700 && this.is("IDENTIFIER"))
	    ) {
	      offset = this.node("identifier");
	      name = this.text();
	      this.next();
	      offset = offset(name);
	    } else if (this.token === "{") {
	      offset = this.node("literal");
	      name = this.next().read_expr();
	      this.expect("}") && this.next();
	      offset = offset("literal", name, null);
	    } else {
	      this.error([this.tok.T_VARIABLE, this.tok.T_STRING]);
	      // graceful mode : set getter as error node and continue
	      offset = this.node("identifier");
	      name = this.text();
	      this.next();
	      offset = offset(name);
	    }
	    return result(what, offset);
	  },

	  read_what(is_static_lookup = false) {
	    let what;
	    let name;
	    switch (this.next().token) {
	      case this.tok.T_STRING:
	        what = this.node("identifier");
	        name = this.text();
	        this.next();
	        what = what(name);

	        if (is_static_lookup && this.token === this.tok.T_OBJECT_OPERATOR) {
	          this.error();
	        }
	        break;
	      case this.tok.T_VARIABLE:
	        what = this.node("variable");
	        name = this.text().substring(1);
	        this.next();
	        what = what(name, false);
	        break;
	      case this.tok.T_CLASS:
	        if (!is_static_lookup) {
	          this.error();
	        }
	        what = this.node("identifier");
	        name = this.text();
	        this.next();
	        what = what(name, false);
	        break;
	      case "$":
	        what = this.node();
	        this.next().expect(["$", "{", this.tok.T_VARIABLE]);
	        if (this.token === "{") {
	          // $obj->${$varname}
	          name = this.next().read_expr();
	          this.expect("}") && this.next();
	          what = what("variable", name, true);
	        } else {
	          // $obj->$$varname
	          name = this.read_expr();
	          what = what("variable", name, false);
	        }
	        break;
	      case "{":
	        what = this.node("encapsedpart");
	        name = this.next().read_expr();
	        this.expect("}") && this.next();
	        what = what(name, "complex", false);
	        break;
	      default:
	        this.error([this.tok.T_STRING, this.tok.T_VARIABLE, "$", "{"]);
	        // graceful mode : set what as error mode & continue
	        what = this.node("identifier");
	        name = this.text();
	        this.next();
	        what = what(name);
	        break;
	    }

	    return what;
	  },

	  recursive_variable_chain_scan(result, read_only, encapsed) {
	    let node, offset;
	    recursive_scan_loop: while (this.token != this.EOF) {
	      switch (this.token) {
	        case "(":
	          if (read_only) {
	            // @fixme : add more informations & test
	            return result;
	          } else {
	            result = this.node("call")(result, this.read_argument_list());
	          }
	          break;
	        case "[":
	        case "{": {
	          const backet = this.token;
	          const isSquareBracket = backet === "[";
	          node = this.node("offsetlookup");
	          this.next();
	          offset = false;
	          if (encapsed) {
	            offset = this.read_encaps_var_offset();
	            this.expect(isSquareBracket ? "]" : "}") && this.next();
	          } else {
	            const isCallableVariable = isSquareBracket
	              ? this.token !== "]"
	              : this.token !== "}";
	            // callable_variable : https://github.com/php/php-src/blob/493524454d66adde84e00d249d607ecd540de99f/Zend/zend_language_parser.y#L1122
	            if (isCallableVariable) {
	              offset = this.read_expr();
	              this.expect(isSquareBracket ? "]" : "}") && this.next();
	            } else {
	              this.next();
	            }
	          }
	          result = node(result, offset);
	          break;
	        }
	        case this.tok.T_DOUBLE_COLON:
	          node = this.node("staticlookup");
	          result = node(result, this.read_what(true));

	          // fix 185
	          // static lookup dereferencables are limited to staticlookup over functions
	          /*if (dereferencable && this.token !== "(") {
	            this.error("(");
	          }*/
	          break;
	        case this.tok.T_OBJECT_OPERATOR: {
	          node = this.node("propertylookup");
	          result = node(result, this.read_what());
	          break;
	        }
	        case this.tok.T_NULLSAFE_OBJECT_OPERATOR: {
	          node = this.node("nullsafepropertylookup");
	          result = node(result, this.read_what());
	          break;
	        }
	        default:
	          break recursive_scan_loop;
	      }
	    }
	    return result;
	  },
	  /*
	   * https://github.com/php/php-src/blob/493524454d66adde84e00d249d607ecd540de99f/Zend/zend_language_parser.y#L1231
	   */
	  read_encaps_var_offset() {
	    let offset = this.node();
	    if (this.token === this.tok.T_STRING) {
	      const text = this.text();
	      this.next();
	      offset = offset("identifier", text);
	    } else if (this.token === this.tok.T_NUM_STRING) {
	      const num = this.text();
	      this.next();
	      offset = offset("number", num, null);
	    } else if (this.token === "-") {
	      this.next();
	      const num = -1 * this.text();
	      this.expect(this.tok.T_NUM_STRING) && this.next();
	      offset = offset("number", num, null);
	    } else if (this.token === this.tok.T_VARIABLE) {
	      const name = this.text().substring(1);
	      this.next();
	      offset = offset("variable", name, false);
	    } else {
	      this.expect([
	        this.tok.T_STRING,
	        this.tok.T_NUM_STRING,
	        "-",
	        this.tok.T_VARIABLE,
	      ]);
	      // fallback : consider as identifier
	      const text = this.text();
	      this.next();
	      offset = offset("identifier", text);
	    }
	    return offset;
	  },
	  /*
	   * ```ebnf
	   *  reference_variable ::=  simple_variable ('[' OFFSET ']')* | '{' EXPR '}'
	   * ```
	   * <code>
	   *  $foo[123];      // foo is an array ==> gets its entry
	   *  $foo{1};        // foo is a string ==> get the 2nd char offset
	   *  ${'foo'}[123];  // get the dynamic var $foo
	   *  $foo[123]{1};   // gets the 2nd char from the 123 array entry
	   * </code>
	   */
	  read_reference_variable(encapsed) {
	    let result = this.read_simple_variable();
	    let offset;
	    while (this.token != this.EOF) {
	      const node = this.node();
	      if (this.token == "{" && !encapsed) {
	        // @fixme check coverage, not sure thats working
	        offset = this.next().read_expr();
	        this.expect("}") && this.next();
	        result = node("offsetlookup", result, offset);
	      } else {
	        node.destroy();
	        break;
	      }
	    }
	    return result;
	  },
	  /*
	   * ```ebnf
	   *  simple_variable ::= T_VARIABLE | '$' '{' expr '}' | '$' simple_variable
	   * ```
	   */
	  read_simple_variable() {
	    let result = this.node("variable");
	    let name;
	    if (
	      this.expect([this.tok.T_VARIABLE, "$"]) &&
	      this.token === this.tok.T_VARIABLE
	    ) {
	      // plain variable name
	      name = this.text().substring(1);
	      this.next();
	      result = result(name, false);
	    } else {
	      if (this.token === "$") this.next();
	      // dynamic variable name
	      switch (this.token) {
	        case "{": {
	          const expr = this.next().read_expr();
	          this.expect("}") && this.next();
	          result = result(expr, true);
	          break;
	        }
	        case "$": // $$$var
	          result = result(this.read_simple_variable(), false);
	          break;
	        case this.tok.T_VARIABLE: {
	          // $$var
	          name = this.text().substring(1);
	          const node = this.node("variable");
	          this.next();
	          result = result(node(name, false), false);
	          break;
	        }
	        default:
	          this.error(["{", "$", this.tok.T_VARIABLE]);
	          // graceful mode
	          name = this.text();
	          this.next();
	          result = result(name, false);
	      }
	    }
	    return result;
	  },
	};
	return variable$1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var parser;
var hasRequiredParser;

function requireParser () {
	if (hasRequiredParser) return parser;
	hasRequiredParser = 1;

	const Position = requirePosition();

	/**
	 * @private
	 */
	function isNumber(n) {
	  return n != "." && n != "," && !isNaN(parseFloat(n)) && isFinite(n);
	}

	/**
	 * The PHP Parser class that build the AST tree from the lexer
	 *
	 * @constructor Parser
	 * @memberOf module:php-parser
	 * @tutorial Parser
	 * @property {Lexer} lexer - current lexer instance
	 * @property {AST} ast - the AST factory instance
	 * @property {number|string} token - current token
	 * @property {boolean} extractDoc - should extract documentation as AST node
	 * @property {boolean} extractTokens - should extract each token
	 * @property {boolean} suppressErrors - should ignore parsing errors and continue
	 * @property {boolean} debug - should output debug informations
	 */
	const Parser = function (lexer, ast) {
	  this.lexer = lexer;
	  this.ast = ast;
	  this.tok = lexer.tok;
	  this.EOF = lexer.EOF;
	  this.token = null;
	  this.prev = null;
	  this.debug = false;
	  this.version = 803;
	  this.extractDoc = false;
	  this.extractTokens = false;
	  this.suppressErrors = false;
	  const mapIt = function (item) {
	    return [item, null];
	  };
	  this.entries = {
	    // reserved_non_modifiers
	    IDENTIFIER: new Map(
	      [
	        this.tok.T_ABSTRACT,
	        this.tok.T_ARRAY,
	        this.tok.T_AS,
	        this.tok.T_BREAK,
	        this.tok.T_CALLABLE,
	        this.tok.T_CASE,
	        this.tok.T_CATCH,
	        this.tok.T_CLASS,
	        this.tok.T_CLASS_C,
	        this.tok.T_CLONE,
	        this.tok.T_CONST,
	        this.tok.T_CONTINUE,
	        this.tok.T_DECLARE,
	        this.tok.T_DEFAULT,
	        this.tok.T_DIR,
	        this.tok.T_DO,
	        this.tok.T_ECHO,
	        this.tok.T_ELSE,
	        this.tok.T_ELSEIF,
	        this.tok.T_EMPTY,
	        this.tok.T_ENDDECLARE,
	        this.tok.T_ENDFOR,
	        this.tok.T_ENDFOREACH,
	        this.tok.T_ENDIF,
	        this.tok.T_ENDSWITCH,
	        this.tok.T_ENDWHILE,
	        this.tok.T_ENUM,
	        this.tok.T_EVAL,
	        this.tok.T_EXIT,
	        this.tok.T_EXTENDS,
	        this.tok.T_FILE,
	        this.tok.T_FINAL,
	        this.tok.T_FINALLY,
	        this.tok.T_FN,
	        this.tok.T_FOR,
	        this.tok.T_FOREACH,
	        this.tok.T_FUNC_C,
	        this.tok.T_FUNCTION,
	        this.tok.T_GLOBAL,
	        this.tok.T_GOTO,
	        this.tok.T_IF,
	        this.tok.T_IMPLEMENTS,
	        this.tok.T_INCLUDE,
	        this.tok.T_INCLUDE_ONCE,
	        this.tok.T_INSTANCEOF,
	        this.tok.T_INSTEADOF,
	        this.tok.T_INTERFACE,
	        this.tok.T_ISSET,
	        this.tok.T_LINE,
	        this.tok.T_LIST,
	        this.tok.T_LOGICAL_AND,
	        this.tok.T_LOGICAL_OR,
	        this.tok.T_LOGICAL_XOR,
	        this.tok.T_MATCH,
	        this.tok.T_METHOD_C,
	        this.tok.T_NAMESPACE,
	        this.tok.T_NEW,
	        this.tok.T_NS_C,
	        this.tok.T_PRINT,
	        this.tok.T_PRIVATE,
	        this.tok.T_PROTECTED,
	        this.tok.T_PUBLIC,
	        this.tok.T_READ_ONLY,
	        this.tok.T_REQUIRE,
	        this.tok.T_REQUIRE_ONCE,
	        this.tok.T_RETURN,
	        this.tok.T_STATIC,
	        this.tok.T_SWITCH,
	        this.tok.T_THROW,
	        this.tok.T_TRAIT,
	        this.tok.T_TRY,
	        this.tok.T_UNSET,
	        this.tok.T_USE,
	        this.tok.T_VAR,
	        this.tok.T_WHILE,
	        this.tok.T_YIELD,
	      ].map(mapIt),
	    ),
	    VARIABLE: new Map(
	      [
	        this.tok.T_VARIABLE,
	        "$",
	        "&",
	        this.tok.T_STRING,
	        this.tok.T_NAME_RELATIVE,
	        this.tok.T_NAME_QUALIFIED,
	        this.tok.T_NAME_FULLY_QUALIFIED,
	        this.tok.T_NAMESPACE,
	        this.tok.T_STATIC,
	      ].map(mapIt),
	    ),
	    SCALAR: new Map(
	      [
	        this.tok.T_CONSTANT_ENCAPSED_STRING,
	        this.tok.T_START_HEREDOC,
	        this.tok.T_LNUMBER,
	        this.tok.T_DNUMBER,
	        this.tok.T_ARRAY,
	        "[",
	        this.tok.T_CLASS_C,
	        this.tok.T_TRAIT_C,
	        this.tok.T_FUNC_C,
	        this.tok.T_METHOD_C,
	        this.tok.T_LINE,
	        this.tok.T_FILE,
	        this.tok.T_DIR,
	        this.tok.T_NS_C,
	        '"',
	        'b"',
	        'B"',
	        "-",
	        this.tok.T_NS_SEPARATOR,
	      ].map(mapIt),
	    ),
	    T_MAGIC_CONST: new Map(
	      [
	        this.tok.T_CLASS_C,
	        this.tok.T_TRAIT_C,
	        this.tok.T_FUNC_C,
	        this.tok.T_METHOD_C,
	        this.tok.T_LINE,
	        this.tok.T_FILE,
	        this.tok.T_DIR,
	        this.tok.T_NS_C,
	      ].map(mapIt),
	    ),
	    T_MEMBER_FLAGS: new Map(
	      [
	        this.tok.T_PUBLIC,
	        this.tok.T_PRIVATE,
	        this.tok.T_PROTECTED,
	        this.tok.T_STATIC,
	        this.tok.T_ABSTRACT,
	        this.tok.T_FINAL,
	        this.tok.T_READ_ONLY,
	      ].map(mapIt),
	    ),
	    EOS: new Map([";", this.EOF, this.tok.T_INLINE_HTML].map(mapIt)),
	    EXPR: new Map(
	      [
	        "@",
	        "-",
	        "+",
	        "!",
	        "~",
	        "(",
	        "`",
	        this.tok.T_LIST,
	        this.tok.T_CLONE,
	        this.tok.T_INC,
	        this.tok.T_DEC,
	        this.tok.T_NEW,
	        this.tok.T_ISSET,
	        this.tok.T_EMPTY,
	        this.tok.T_MATCH,
	        this.tok.T_INCLUDE,
	        this.tok.T_INCLUDE_ONCE,
	        this.tok.T_REQUIRE,
	        this.tok.T_REQUIRE_ONCE,
	        this.tok.T_EVAL,
	        this.tok.T_INT_CAST,
	        this.tok.T_DOUBLE_CAST,
	        this.tok.T_STRING_CAST,
	        this.tok.T_ARRAY_CAST,
	        this.tok.T_OBJECT_CAST,
	        this.tok.T_BOOL_CAST,
	        this.tok.T_UNSET_CAST,
	        this.tok.T_EXIT,
	        this.tok.T_PRINT,
	        this.tok.T_YIELD,
	        this.tok.T_STATIC,
	        this.tok.T_FUNCTION,
	        this.tok.T_FN,
	        // using VARIABLES :
	        this.tok.T_VARIABLE,
	        "$",
	        this.tok.T_NS_SEPARATOR,
	        this.tok.T_STRING,
	        this.tok.T_NAME_RELATIVE,
	        this.tok.T_NAME_QUALIFIED,
	        this.tok.T_NAME_FULLY_QUALIFIED,
	        // using SCALAR :
	        this.tok.T_STRING, // @see variable.js line 45 > conflict with variable = shift/reduce :)
	        this.tok.T_CONSTANT_ENCAPSED_STRING,
	        this.tok.T_START_HEREDOC,
	        this.tok.T_LNUMBER,
	        this.tok.T_DNUMBER,
	        this.tok.T_ARRAY,
	        "[",
	        this.tok.T_CLASS_C,
	        this.tok.T_TRAIT_C,
	        this.tok.T_FUNC_C,
	        this.tok.T_METHOD_C,
	        this.tok.T_LINE,
	        this.tok.T_FILE,
	        this.tok.T_DIR,
	        this.tok.T_NS_C,
	        '"',
	        'b"',
	        'B"',
	        "-",
	        this.tok.T_NS_SEPARATOR,
	      ].map(mapIt),
	    ),
	  };
	};

	/**
	 * helper : gets a token name
	 * @function Parser#getTokenName
	 * @memberOf module:php-parser
	 */
	Parser.prototype.getTokenName = function (token) {
	  if (!isNumber(token)) {
	    return "'" + token + "'";
	  } else {
	    if (token == this.EOF) return "the end of file (EOF)";
	    return this.lexer.engine.tokens.values[token];
	  }
	};

	/**
	 * main entry point : converts a source code to AST
	 * @function Parser#parse
	 * @memberOf module:php-parser
	 */
	Parser.prototype.parse = function (code, filename) {
	  this._errors = [];
	  this.filename = filename || "eval";
	  this.currentNamespace = [""];
	  if (this.extractDoc) {
	    this._docs = [];
	  } else {
	    this._docs = null;
	  }
	  if (this.extractTokens) {
	    this._tokens = [];
	  } else {
	    this._tokens = null;
	  }
	  this._docIndex = 0;
	  this._lastNode = null;
	  this.lexer.setInput(code);
	  this.lexer.all_tokens = this.extractTokens;
	  this.lexer.comment_tokens = this.extractDoc;
	  this.length = this.lexer._input.length;
	  this.innerList = false;
	  this.innerListForm = false;
	  const program = this.node("program");
	  const childs = [];
	  this.next();
	  while (this.token != this.EOF) {
	    childs.push(this.read_start());
	  }
	  // append last comment
	  if (
	    childs.length === 0 &&
	    this.extractDoc &&
	    this._docs.length > this._docIndex
	  ) {
	    childs.push(this.node("noop")());
	  }
	  // #176 : register latest position
	  this.prev = [
	    this.lexer.yylloc.last_line,
	    this.lexer.yylloc.last_column,
	    this.lexer.offset,
	  ];
	  const result = program(childs, this._errors, this._docs, this._tokens);
	  if (this.debug) {
	    const errors = this.ast.checkNodes();
	    /* istanbul ignore next */
	    if (errors.length > 0) {
	      errors.forEach(function (error) {
	        if (error.position) {
	          // eslint-disable-next-line no-console
	          console.log(
	            "Node at line " +
	              error.position.line +
	              ", column " +
	              error.position.column,
	          );
	        }
	        // eslint-disable-next-line no-console
	        console.log(error.stack.join("\n"));
	      });
	      throw new Error("Some nodes are not closed");
	    }
	  }
	  return result;
	};

	/**
	 * Raise an error
	 * @function Parser#raiseError
	 * @memberOf module:php-parser
	 */
	Parser.prototype.raiseError = function (message, msgExpect, expect, token) {
	  message += " on line " + this.lexer.yylloc.first_line;
	  if (!this.suppressErrors) {
	    const err = new SyntaxError(
	      message,
	      this.filename,
	      this.lexer.yylloc.first_line,
	    );
	    err.lineNumber = this.lexer.yylloc.first_line;
	    err.fileName = this.filename;
	    err.columnNumber = this.lexer.yylloc.first_column;
	    throw err;
	  }
	  // Error node :
	  // Temporarily set prev to the current token's end so the error node
	  // spans from the current token's start to its end (not the previous token's end).
	  const savedPrev = this.prev;
	  this.prev = [
	    this.lexer.yylloc.last_line,
	    this.lexer.yylloc.last_column,
	    this.lexer.offset,
	  ];
	  const node = this.ast.prepare("error", null, this)(
	    message,
	    token,
	    this.lexer.yylloc.first_line,
	    expect,
	  );
	  this.prev = savedPrev;
	  this._errors.push(node);
	  return node;
	};

	/**
	 * handling errors
	 * @function Parser#error
	 * @memberOf module:php-parser
	 */
	Parser.prototype.error = function (expect) {
	  let msg = "Parse Error : syntax error";
	  let token = this.getTokenName(this.token);
	  let msgExpect = "";

	  if (this.token !== this.EOF) {
	    if (isNumber(this.token)) {
	      let symbol = this.text();
	      /* istanbul ignore next */
	      if (symbol.length > 10) {
	        symbol = symbol.substring(0, 7) + "...";
	      }
	      token = "'" + symbol + "' (" + token + ")";
	    }
	    msg += ", unexpected " + token;
	  }
	  if (expect && !Array.isArray(expect)) {
	    if (isNumber(expect) || expect.length === 1) {
	      msgExpect = ", expecting " + this.getTokenName(expect);
	    }
	    msg += msgExpect;
	  }
	  return this.raiseError(msg, msgExpect, expect, token);
	};

	/**
	 * Create a position node from the lexers position
	 *
	 * @function Parser#position
	 * @memberOf module:php-parser
	 * @return {Position}
	 */
	Parser.prototype.position = function () {
	  return new Position(
	    this.lexer.yylloc.first_line,
	    this.lexer.yylloc.first_column,
	    this.lexer.yylloc.first_offset,
	  );
	};

	/**
	 * Creates a new AST node
	 * @function Parser#node
	 * @memberOf module:php-parser
	 */
	Parser.prototype.node = function (name) {
	  if (this.extractDoc) {
	    let docs = null;
	    if (this._docIndex < this._docs.length) {
	      docs = this._docs.slice(this._docIndex);
	      this._docIndex = this._docs.length;
	      /* istanbul ignore next */
	      if (this.debug) {
	        // eslint-disable-next-line no-console
	        console.log(new Error("Append docs on " + name));
	        // eslint-disable-next-line no-console
	        console.log(docs);
	      }
	    }
	    const node = this.ast.prepare(name, docs, this);
	    /*
	     * TOKENS :
	     * node1 commentA token commmentB node2 commentC token commentD node3 commentE token
	     *
	     * AST :
	     * structure:S1 [
	     *    left: node1 ( trail: commentA ),
	     *    right: structure:S2 [
	     *       node2 (lead: commentB, trail: commentC),
	     *       node3 (lead: commentD)
	     *    ],
	     *    trail: commentE
	     * ]
	     *
	     * Algorithm :
	     *
	     * Attach the last comments on parent of current node
	     * If a new node is started and the parent has a trailing comment
	     * the move it on previous node
	     *
	     * start S2
	     * start node1
	     * consume node1 & set commentA as trailingComment on S2
	     * start S2
	     * S1 has a trailingComment, attach it on node1
	     * ...
	     * NOTE : As the trailingComment Behavior depends on AST, it will be build on
	     * the AST layer - last child node will keep it's trailingComment nodes
	     */
	    node.postBuild = function (self) {
	      if (this._docIndex < this._docs.length) {
	        if (this._lastNode) {
	          const offset = this.prev[2];
	          let max = this._docIndex;
	          for (; max < this._docs.length; max++) {
	            if (this._docs[max].offset > offset) {
	              break;
	            }
	          }
	          if (max > this._docIndex) {
	            // inject trailing comment on child node
	            this._lastNode.setTrailingComments(
	              this._docs.slice(this._docIndex, max),
	            );
	            this._docIndex = max;
	          }
	        } else if (this.token === this.EOF) {
	          // end of content
	          self.setTrailingComments(this._docs.slice(this._docIndex));
	          this._docIndex = this._docs.length;
	        }
	      }
	      this._lastNode = self;
	    }.bind(this);
	    return node;
	  }
	  return this.ast.prepare(name, null, this);
	};

	/**
	 * expects an end of statement or end of file
	 * @function Parser#expectEndOfStatement
	 * @memberOf module:php-parser
	 * @return {boolean}
	 */
	Parser.prototype.expectEndOfStatement = function (node) {
	  if (this.token === ";") {
	    // include only real ';' statements
	    // https://github.com/glayzzle/php-parser/issues/164
	    if (node && this.lexer.yytext === ";") {
	      node.includeToken(this);
	    }
	  } else if (this.token !== this.tok.T_INLINE_HTML && this.token !== this.EOF) {
	    this.error(";");
	    return false;
	  }
	  this.next();
	  return true;
	};

	const ignoreStack = ["parser.next", "parser.node", "parser.showlog"];
	/**
	 * outputs some debug information on current token
	 * @private
	 * @function Parser#showlog
	 * @memberOf module:php-parser
	 */
	Parser.prototype.showlog = function () {
	  const stack = new Error().stack.split("\n");
	  let line;
	  for (let offset = 2; offset < stack.length; offset++) {
	    line = stack[offset].trim();
	    let found = false;
	    for (let i = 0; i < ignoreStack.length; i++) {
	      /* istanbul ignore next */
	      if (line.substring(3, 3 + ignoreStack[i].length) === ignoreStack[i]) {
	        found = true;
	        break;
	      }
	    }
	    /* istanbul ignore next */
	    if (!found) {
	      break;
	    }
	  }
	  // eslint-disable-next-line no-console
	  console.log(
	    "Line " +
	      this.lexer.yylloc.first_line +
	      " : " +
	      this.getTokenName(this.token) +
	      ">" +
	      this.lexer.yytext +
	      "<" +
	      " @-->" +
	      line,
	  );
	  return this;
	};

	/**
	 * Force the parser to check the current token.
	 *
	 * If the current token does not match to expected token,
	 * the an error will be raised.
	 *
	 * If the suppressError mode is activated, then the error will
	 * be added to the program error stack and this function will return `false`.
	 *
	 * @function Parser#expect
	 * @memberOf module:php-parser
	 * @param {String|Number} token
	 * @return {boolean}
	 * @throws Error
	 */
	Parser.prototype.expect = function (token) {
	  if (Array.isArray(token)) {
	    if (token.indexOf(this.token) === -1) {
	      this.error(token);
	      return false;
	    }
	  } else if (this.token != token) {
	    this.error(token);
	    return false;
	  }
	  return true;
	};

	/**
	 * Returns the current token contents
	 * @function Parser#text
	 * @memberOf module:php-parser
	 * @return {String}
	 */
	Parser.prototype.text = function () {
	  return this.lexer.yytext;
	};

	/**
	 * consume the next token
	 * @function Parser#next
	 * @memberOf module:php-parser
	 */
	Parser.prototype.next = function () {
	  // prepare the back command
	  if (this.token !== ";" || this.lexer.yytext === ";") {
	    // ignore '?>' from automated resolution
	    // https://github.com/glayzzle/php-parser/issues/168
	    this.prev = [
	      this.lexer.yylloc.last_line,
	      this.lexer.yylloc.last_column,
	      this.lexer.offset,
	    ];
	  }

	  // eating the token
	  this.lex();

	  // showing the debug
	  if (this.debug) {
	    this.showlog();
	  }

	  // handling comments
	  if (this.extractDoc) {
	    while (
	      this.token === this.tok.T_COMMENT ||
	      this.token === this.tok.T_DOC_COMMENT
	    ) {
	      // APPEND COMMENTS
	      if (this.token === this.tok.T_COMMENT) {
	        this._docs.push(this.read_comment());
	      } else {
	        this._docs.push(this.read_doc_comment());
	      }
	    }
	  }

	  return this;
	};

	/**
	 * Peek at the next token.
	 * @function Parser#peek
	 * @memberOf module:php-parser
	 * @returns {string|number} Next Token
	 */
	Parser.prototype.peek = function () {
	  const lexerState = this.lexer.getState();
	  const nextToken = this.lexer.lex();
	  this.lexer.setState(lexerState);
	  return nextToken;
	};

	/**
	 * Eating a token
	 * @function Parser#lex
	 * @memberOf module:php-parser
	 */
	Parser.prototype.lex = function () {
	  // append on token stack
	  if (this.extractTokens) {
	    do {
	      // the token
	      this.token = this.lexer.lex() || /* istanbul ignore next */ this.EOF;
	      if (this.token === this.EOF) return this;
	      let entry = this.lexer.yytext;
	      if (
	        Object.prototype.hasOwnProperty.call(
	          this.lexer.engine.tokens.values,
	          this.token,
	        )
	      ) {
	        entry = [
	          this.lexer.engine.tokens.values[this.token],
	          entry,
	          this.lexer.yylloc.first_line,
	          this.lexer.yylloc.first_offset,
	          this.lexer.offset,
	        ];
	      } else {
	        entry = [
	          null,
	          entry,
	          this.lexer.yylloc.first_line,
	          this.lexer.yylloc.first_offset,
	          this.lexer.offset,
	        ];
	      }
	      this._tokens.push(entry);
	      if (this.token === this.tok.T_CLOSE_TAG) {
	        // https://github.com/php/php-src/blob/7ff186434e82ee7be7c59d0db9a976641cf7b09c/Zend/zend_compile.c#L1680
	        this.token = ";";
	        return this;
	      } else if (this.token === this.tok.T_OPEN_TAG_WITH_ECHO) {
	        this.token = this.tok.T_ECHO;
	        return this;
	      }
	    } while (
	      this.token === this.tok.T_WHITESPACE || // ignore white space
	      (!this.extractDoc &&
	        (this.token === this.tok.T_COMMENT || // ignore single lines comments
	          this.token === this.tok.T_DOC_COMMENT)) || // ignore doc comments
	      // ignore open tags
	      this.token === this.tok.T_OPEN_TAG
	    );
	  } else {
	    this.token = this.lexer.lex() || /* istanbul ignore next */ this.EOF;
	  }
	  return this;
	};

	/**
	 * Check if token is of specified type
	 * @function Parser#is
	 * @memberOf module:php-parser
	 */
	Parser.prototype.is = function (type) {
	  if (Array.isArray(type)) {
	    return type.indexOf(this.token) !== -1;
	  }
	  return this.entries[type].has(this.token);
	};

	// extends the parser with syntax files
	[
	  requireArray$1(),
	  require_class$1(),
	  requireComment$1(),
	  requireExpr(),
	  require_enum$1(),
	  require_function$1(),
	  require_if$1(),
	  requireLoops(),
	  requireMain(),
	  requireNamespace$1(),
	  requireScalar(),
	  requireStatement$1(),
	  require_switch$1(),
	  require_try$1(),
	  requireUtils(),
	  requireVariable$1(),
	].forEach(function (ext) {
	  for (const k in ext) {
	    /* istanbul ignore next */
	    if (Object.prototype.hasOwnProperty.call(Parser.prototype, k)) {
	      // @see https://github.com/glayzzle/php-parser/issues/234
	      throw new Error("Function " + k + " is already defined - collision");
	    }
	    Parser.prototype[k] = ext[k];
	  }
	});

	parser = Parser;
	return parser;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var tokens_1;
var hasRequiredTokens;

function requireTokens () {
	if (hasRequiredTokens) return tokens_1;
	hasRequiredTokens = 1;

	/**
	 * @readonly
	 * @memberOf module:php-parser
	 *
	 * @enum {number}
	 **/
	const TokenNames = {
	  T_HALT_COMPILER: 101,
	  T_USE: 102,
	  T_ENCAPSED_AND_WHITESPACE: 103,
	  T_OBJECT_OPERATOR: 104,
	  T_STRING: 105,
	  T_DOLLAR_OPEN_CURLY_BRACES: 106,
	  T_STRING_VARNAME: 107,
	  T_CURLY_OPEN: 108,
	  T_NUM_STRING: 109,
	  T_ISSET: 110,
	  T_EMPTY: 111,
	  T_INCLUDE: 112,
	  T_INCLUDE_ONCE: 113,
	  T_EVAL: 114,
	  T_REQUIRE: 115,
	  T_REQUIRE_ONCE: 116,
	  T_NAMESPACE: 117,
	  T_NS_SEPARATOR: 118,
	  T_AS: 119,
	  T_IF: 120,
	  T_ENDIF: 121,
	  T_WHILE: 122,
	  T_DO: 123,
	  T_FOR: 124,
	  T_SWITCH: 125,
	  T_BREAK: 126,
	  T_CONTINUE: 127,
	  T_RETURN: 128,
	  T_GLOBAL: 129,
	  T_STATIC: 130,
	  T_ECHO: 131,
	  T_INLINE_HTML: 132,
	  T_UNSET: 133,
	  T_FOREACH: 134,
	  T_DECLARE: 135,
	  T_TRY: 136,
	  T_THROW: 137,
	  T_GOTO: 138,
	  T_FINALLY: 139,
	  T_CATCH: 140,
	  T_ENDDECLARE: 141,
	  T_LIST: 142,
	  T_CLONE: 143,
	  T_PLUS_EQUAL: 144,
	  T_MINUS_EQUAL: 145,
	  T_MUL_EQUAL: 146,
	  T_DIV_EQUAL: 147,
	  T_CONCAT_EQUAL: 148,
	  T_MOD_EQUAL: 149,
	  T_AND_EQUAL: 150,
	  T_OR_EQUAL: 151,
	  T_XOR_EQUAL: 152,
	  T_SL_EQUAL: 153,
	  T_SR_EQUAL: 154,
	  T_INC: 155,
	  T_DEC: 156,
	  T_BOOLEAN_OR: 157,
	  T_BOOLEAN_AND: 158,
	  T_LOGICAL_OR: 159,
	  T_LOGICAL_AND: 160,
	  T_LOGICAL_XOR: 161,
	  T_SL: 162,
	  T_SR: 163,
	  T_IS_IDENTICAL: 164,
	  T_IS_NOT_IDENTICAL: 165,
	  T_IS_EQUAL: 166,
	  T_IS_NOT_EQUAL: 167,
	  T_IS_SMALLER_OR_EQUAL: 168,
	  T_IS_GREATER_OR_EQUAL: 169,
	  T_INSTANCEOF: 170,
	  T_INT_CAST: 171,
	  T_DOUBLE_CAST: 172,
	  T_STRING_CAST: 173,
	  T_ARRAY_CAST: 174,
	  T_OBJECT_CAST: 175,
	  T_BOOL_CAST: 176,
	  T_UNSET_CAST: 177,
	  T_EXIT: 178,
	  T_PRINT: 179,
	  T_YIELD: 180,
	  T_YIELD_FROM: 181,
	  T_FUNCTION: 182,
	  T_DOUBLE_ARROW: 183,
	  T_DOUBLE_COLON: 184,
	  T_ARRAY: 185,
	  T_CALLABLE: 186,
	  T_CLASS: 187,
	  T_ABSTRACT: 188,
	  T_TRAIT: 189,
	  T_FINAL: 190,
	  T_EXTENDS: 191,
	  T_INTERFACE: 192,
	  T_IMPLEMENTS: 193,
	  T_VAR: 194,
	  T_PUBLIC: 195,
	  T_PROTECTED: 196,
	  T_PRIVATE: 197,
	  T_CONST: 198,
	  T_NEW: 199,
	  T_INSTEADOF: 200,
	  T_ELSEIF: 201,
	  T_ELSE: 202,
	  T_ENDSWITCH: 203,
	  T_CASE: 204,
	  T_DEFAULT: 205,
	  T_ENDFOR: 206,
	  T_ENDFOREACH: 207,
	  T_ENDWHILE: 208,
	  T_CONSTANT_ENCAPSED_STRING: 209,
	  T_LNUMBER: 210,
	  T_DNUMBER: 211,
	  T_LINE: 212,
	  T_FILE: 213,
	  T_DIR: 214,
	  T_TRAIT_C: 215,
	  T_METHOD_C: 216,
	  T_FUNC_C: 217,
	  T_NS_C: 218,
	  T_START_HEREDOC: 219,
	  T_END_HEREDOC: 220,
	  T_CLASS_C: 221,
	  T_VARIABLE: 222,
	  T_OPEN_TAG: 223,
	  T_OPEN_TAG_WITH_ECHO: 224,
	  T_CLOSE_TAG: 225,
	  T_WHITESPACE: 226,
	  T_COMMENT: 227,
	  T_DOC_COMMENT: 228,
	  T_ELLIPSIS: 229,
	  T_COALESCE: 230,
	  T_POW: 231,
	  T_POW_EQUAL: 232,
	  T_SPACESHIP: 233,
	  T_COALESCE_EQUAL: 234,
	  T_FN: 235,
	  T_NULLSAFE_OBJECT_OPERATOR: 236,
	  T_MATCH: 237,
	  T_ATTRIBUTE: 238,
	  T_ENUM: 239,
	  T_READ_ONLY: 240,
	  T_NAME_RELATIVE: 241,
	  T_NAME_QUALIFIED: 242,
	  T_NAME_FULLY_QUALIFIED: 243,
	  T_PIPE: 244,
	};

	/**
	 * PHP AST Tokens
	 * @readonly
	 * @memberOf module:php-parser
	 *
	 * @type {object}
	 * @property {Object.<number, string>} values
	 * @property {TokenNames} names
	 */
	const tokens = {
	  values: Object.entries(TokenNames).reduce(
	    (result, [key, value]) => ({ ...result, [value]: key }),
	    {},
	  ),
	  names: TokenNames,
	};

	tokens_1 = Object.freeze(tokens);
	return tokens_1;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var location;
var hasRequiredLocation;

function requireLocation () {
	if (hasRequiredLocation) return location;
	hasRequiredLocation = 1;

	/**
	 * Defines the location of the node (with it's source contents as string)
	 * @constructor Location
	 * @memberOf module:php-parser
	 * @property {string|null} source
	 * @property {Position} start
	 * @property {Position} end
	 */
	const Location = function (source, start, end) {
	  this.source = source;
	  this.start = start;
	  this.end = end;
	};

	location = Location;
	return location;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var node;
var hasRequiredNode;

function requireNode () {
	if (hasRequiredNode) return node;
	hasRequiredNode = 1;

	/**
	 * A generic AST node
	 * @constructor Node
	 * @memberOf module:php-parser
	 * @property {Location|null} loc
	 * @property {CommentBlock[]|Comment[]|null} leadingComments
	 * @property {CommentBlock[]|Comment[]|null} trailingComments
	 * @property {string} kind
	 */
	const Node = function Node(kind, docs, location) {
	  this.kind = kind;
	  if (docs) {
	    this.leadingComments = docs;
	  }
	  if (location) {
	    this.loc = location;
	  }
	};

	/**
	 * Attach comments to current node
	 * @function Node#setTrailingComments
	 * @memberOf module:php-parser
	 * @param {*} docs
	 */
	Node.prototype.setTrailingComments = function (docs) {
	  this.trailingComments = docs;
	};

	/**
	 * Destroying an unused node
	 * @function Node#destroy
	 * @memberOf module:php-parser
	 */
	Node.prototype.destroy = function (node) {
	  if (!node) {
	    /* istanbul ignore next */
	    throw new Error(
	      "Node already initialized, you must swap with another node",
	    );
	  }
	  if (this.leadingComments) {
	    if (node.leadingComments) {
	      node.leadingComments = Array.concat(
	        this.leadingComments,
	        node.leadingComments,
	      );
	    } else {
	      node.leadingComments = this.leadingComments;
	    }
	  }
	  if (this.trailingComments) {
	    if (node.trailingComments) {
	      node.trailingComments = Array.concat(
	        this.trailingComments,
	        node.trailingComments,
	      );
	    } else {
	      node.trailingComments = this.trailingComments;
	    }
	  }
	  return node;
	};

	/**
	 * Includes current token position of the parser
	 * @function Node#includeToken
	 * @memberOf module:php-parser
	 * @param {*} parser
	 */
	Node.prototype.includeToken = function (parser) {
	  if (this.loc) {
	    if (this.loc.end) {
	      this.loc.end.line = parser.lexer.yylloc.last_line;
	      this.loc.end.column = parser.lexer.yylloc.last_column;
	      this.loc.end.offset = parser.lexer.offset;
	    }
	    if (parser.ast.withSource) {
	      this.loc.source = parser.lexer._input.substring(
	        this.loc.start.offset,
	        parser.lexer.offset,
	      );
	    }
	  }
	  return this;
	};

	/**
	 * Helper for extending the Node class
	 * @function Node.extends
	 * @memberOf module:php-parser
	 * @param {string} type
	 * @param {Function} constructor
	 * @return {Function}
	 */
	Node.extends = function (type, constructor) {
	  constructor.prototype = Object.create(this.prototype);
	  constructor.extends = this.extends;
	  constructor.prototype.constructor = constructor;
	  constructor.kind = type;
	  return constructor;
	};

	node = Node;
	return node;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var expression;
var hasRequiredExpression;

function requireExpression () {
	if (hasRequiredExpression) return expression;
	hasRequiredExpression = 1;

	const Node = requireNode();
	const KIND = "expression";

	/**
	 * Any expression node. Since the left-hand side of an assignment may
	 * be any expression in general, an expression can also be a pattern.
	 * @constructor Expression
	 * @memberOf module:php-parser
	 * @extends {Node}
	 */
	expression = Node.extends(KIND, function Expression(kind, docs, location) {
	  Node.apply(this, [kind || KIND, docs, location]);
	});
	return expression;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var array;
var hasRequiredArray;

function requireArray () {
	if (hasRequiredArray) return array;
	hasRequiredArray = 1;

	const Expr = requireExpression();
	const KIND = "array";

	/**
	 * Defines an array structure
	 * @constructor Array
	 * @memberOf module:php-parser
	 * @example
	 * // PHP code :
	 * [1, 'foo' => 'bar', 3]
	 *
	 * // AST structure :
	 * {
	 *  "kind": "array",
	 *  "shortForm": true
	 *  "items": [
	 *    {"kind": "number", "value": "1"},
	 *    {
	 *      "kind": "entry",
	 *      "key": {"kind": "string", "value": "foo", "isDoubleQuote": false},
	 *      "value": {"kind": "string", "value": "bar", "isDoubleQuote": false}
	 *    },
	 *    {"kind": "number", "value": "3"}
	 *  ]
	 * }
	 * @extends {Expression}
	 * @property {Array<Entry|Expression|Variable>} items List of array items
	 * @property {boolean} shortForm Indicate if the short array syntax is used, ex `[]` instead `array()`
	 */
	array = Expr.extends(
	  KIND,
	  function Array(shortForm, items, docs, location) {
	    Expr.apply(this, [KIND, docs, location]);
	    this.items = items;
	    this.shortForm = shortForm;
	  },
	);
	return array;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var arrowfunc;
var hasRequiredArrowfunc;

function requireArrowfunc () {
	if (hasRequiredArrowfunc) return arrowfunc;
	hasRequiredArrowfunc = 1;

	const Expression = requireExpression();
	const KIND = "arrowfunc";

	/**
	 * Defines an arrow function (it's like a closure)
	 * @constructor ArrowFunc
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Parameter[]} arguments
	 * @property {Identifier} type
	 * @property {Expression} body
	 * @property {boolean} byref
	 * @property {boolean} nullable
	 * @property {boolean} isStatic
	 */
	arrowfunc = Expression.extends(
	  KIND,
	  function Closure(
	    args,
	    byref,
	    body,
	    type,
	    nullable,
	    isStatic,
	    docs,
	    location,
	  ) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.arguments = args;
	    this.byref = byref;
	    this.body = body;
	    this.type = type;
	    this.nullable = nullable;
	    this.isStatic = isStatic || false;
	  },
	);
	return arrowfunc;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var assign;
var hasRequiredAssign;

function requireAssign () {
	if (hasRequiredAssign) return assign;
	hasRequiredAssign = 1;

	const Expression = requireExpression();
	const KIND = "assign";

	/**
	 * Assigns a value to the specified target
	 * @constructor Assign
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} left
	 * @property {Expression} right
	 * @property {String} operator
	 */
	assign = Expression.extends(
	  KIND,
	  function Assign(left, right, operator, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.left = left;
	    this.right = right;
	    this.operator = operator;
	  },
	);
	return assign;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var assignref;
var hasRequiredAssignref;

function requireAssignref () {
	if (hasRequiredAssignref) return assignref;
	hasRequiredAssignref = 1;

	const Expression = requireExpression();
	const KIND = "assignref";

	/**
	 * Assigns a value to the specified target
	 * @constructor AssignRef
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} left
	 * @property {Expression} right
	 */
	assignref = Expression.extends(
	  KIND,
	  function AssignRef(left, right, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.left = left;
	    this.right = right;
	  },
	);
	return assignref;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var attribute;
var hasRequiredAttribute;

function requireAttribute () {
	if (hasRequiredAttribute) return attribute;
	hasRequiredAttribute = 1;

	const Node = requireNode();
	const KIND = "attribute";

	/**
	 * Attribute Value
	 * @memberOf module:php-parser
	 * @constructor Attribute
	 * @extends {Node}
	 * @property {String} name
	 * @property {Parameter[]} args
	 */
	attribute = Node.extends(
	  KIND,
	  function Attribute(name, args, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.args = args;
	  },
	);
	return attribute;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var attrgroup;
var hasRequiredAttrgroup;

function requireAttrgroup () {
	if (hasRequiredAttrgroup) return attrgroup;
	hasRequiredAttrgroup = 1;

	const Node = requireNode();
	const KIND = "attrgroup";

	/**
	 * Attribute group
	 * @memberOf module:php-parser
	 * @constructor AttrGroup
	 * @extends {Node}
	 * @property {Attribute[]} attrs
	 */
	attrgroup = Node.extends(KIND, function AttrGroup(attrs, docs, location) {
	  Node.apply(this, [KIND, docs, location]);
	  this.attrs = attrs || [];
	});
	return attrgroup;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var operation;
var hasRequiredOperation;

function requireOperation () {
	if (hasRequiredOperation) return operation;
	hasRequiredOperation = 1;

	const Expr = requireExpression();
	const KIND = "operation";

	/**
	 * Defines binary operations
	 * @constructor Operation
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 */
	operation = Expr.extends(KIND, function Operation(kind, docs, location) {
	  Expr.apply(this, [kind || KIND, docs, location]);
	});
	return operation;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var bin;
var hasRequiredBin;

function requireBin () {
	if (hasRequiredBin) return bin;
	hasRequiredBin = 1;

	const Operation = requireOperation();
	const KIND = "bin";
	/**
	 * Binary operations
	 * @constructor Bin
	 * @memberOf module:php-parser
	 * @extends {Operation}
	 * @property {String} type
	 * @property {Expression} left
	 * @property {Expression} right
	 */
	bin = Operation.extends(
	  KIND,
	  function Bin(type, left, right, docs, location) {
	    Operation.apply(this, [KIND, docs, location]);
	    this.type = type;
	    this.left = left;
	    this.right = right;
	  },
	);
	return bin;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var statement;
var hasRequiredStatement;

function requireStatement () {
	if (hasRequiredStatement) return statement;
	hasRequiredStatement = 1;

	const Node = requireNode();
	const KIND = "statement";

	/**
	 * Any statement.
	 * @constructor Statement
	 * @memberOf module:php-parser
	 * @extends {Node}
	 */
	statement = Node.extends(KIND, function Statement(kind, docs, location) {
	  Node.apply(this, [kind || KIND, docs, location]);
	});
	return statement;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var block;
var hasRequiredBlock;

function requireBlock () {
	if (hasRequiredBlock) return block;
	hasRequiredBlock = 1;

	const Statement = requireStatement();
	const KIND = "block";

	/**
	 * A block statement, i.e., a sequence of statements surrounded by braces.
	 * @constructor Block
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Node[]} children
	 */
	block = Statement.extends(
	  KIND,
	  function Block(kind, children, docs, location) {
	    Statement.apply(this, [kind || KIND, docs, location]);
	    this.children = children.filter(Boolean);
	  },
	);
	return block;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var literal;
var hasRequiredLiteral;

function requireLiteral () {
	if (hasRequiredLiteral) return literal;
	hasRequiredLiteral = 1;

	const Expression = requireExpression();
	const KIND = "literal";

	/**
	 * Defines an array structure
	 * @constructor Literal
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {string} raw
	 * @property {EncapsedPart[]|Node|string|number|boolean|null} value
	 */
	literal = Expression.extends(
	  KIND,
	  function Literal(kind, value, raw, docs, location) {
	    Expression.apply(this, [kind || KIND, docs, location]);
	    this.value = value;
	    if (raw) {
	      this.raw = raw;
	    }
	  },
	);
	return literal;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var boolean;
var hasRequiredBoolean;

function requireBoolean () {
	if (hasRequiredBoolean) return boolean;
	hasRequiredBoolean = 1;

	const Literal = requireLiteral();
	const KIND = "boolean";

	/**
	 * Defines a boolean value (true/false)
	 * @constructor Boolean
	 * @memberOf module:php-parser
	 * @extends {Literal}
	 * @property {boolean} value
	 */
	boolean = Literal.extends(
	  KIND,
	  function Boolean(value, raw, docs, location) {
	    Literal.apply(this, [KIND, value, raw, docs, location]);
	  },
	);
	return boolean;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _break;
var hasRequired_break;

function require_break () {
	if (hasRequired_break) return _break;
	hasRequired_break = 1;

	const Statement = requireStatement();
	const KIND = "break";

	/**
	 * A break statement
	 * @constructor Break
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Number|Null} level
	 */
	_break = Statement.extends(KIND, function Break(level, docs, location) {
	  Statement.apply(this, [KIND, docs, location]);
	  this.level = level;
	});
	return _break;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var byref;
var hasRequiredByref;

function requireByref () {
	if (hasRequiredByref) return byref;
	hasRequiredByref = 1;

	const Expression = requireExpression();
	const KIND = "byref";

	/**
	 * Passing by Reference - so the function can modify the variable
	 * @constructor ByRef
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {ExpressionStatement} what
	 */
	byref = Expression.extends(KIND, function ByRef(what, docs, location) {
	  Expression.apply(this, [KIND, docs, location]);
	  this.what = what;
	});
	return byref;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var call;
var hasRequiredCall;

function requireCall () {
	if (hasRequiredCall) return call;
	hasRequiredCall = 1;

	const Expression = requireExpression();
	const KIND = "call";

	/**
	 * Executes a call statement
	 * @constructor Call
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Identifier|Variable} what
	 * @property {Expression[]} arguments
	 */
	call = Expression.extends(
	  KIND,
	  function Call(what, args, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.what = what;
	    this.arguments = args;
	  },
	);
	return call;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _case;
var hasRequired_case;

function require_case () {
	if (hasRequired_case) return _case;
	hasRequired_case = 1;

	const Statement = requireStatement();
	const KIND = "case";

	/**
	 * A switch case statement
	 * @constructor Case
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression|null} test - if null, means that the default case
	 * @property {Block|null} body
	 */
	_case = Statement.extends(
	  KIND,
	  function Case(test, body, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.test = test;
	    this.body = body;
	  },
	);
	return _case;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var cast;
var hasRequiredCast;

function requireCast () {
	if (hasRequiredCast) return cast;
	hasRequiredCast = 1;

	const Operation = requireOperation();
	const KIND = "cast";

	/**
	 * Binary operations
	 * @constructor Cast
	 * @memberOf module:php-parser
	 * @extends {Operation}
	 * @property {String} type
	 * @property {String} raw
	 * @property {Expression} expr
	 */
	cast = Operation.extends(
	  KIND,
	  function Cast(type, raw, expr, docs, location) {
	    Operation.apply(this, [KIND, docs, location]);
	    this.type = type;
	    this.raw = raw;
	    this.expr = expr;
	  },
	);
	return cast;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _catch;
var hasRequired_catch;

function require_catch () {
	if (hasRequired_catch) return _catch;
	hasRequired_catch = 1;

	const Statement = requireStatement();
	const KIND = "catch";

	/**
	 * Defines a catch statement
	 * @constructor Catch
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Name[]} what
	 * @property {Variable} variable
	 * @property {Block} body
	 * @see http://php.net/manual/en/language.exceptions.php
	 */
	_catch = Statement.extends(
	  KIND,
	  function Catch(body, what, variable, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.body = body;
	    this.what = what;
	    this.variable = variable;
	  },
	);
	return _catch;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var declaration;
var hasRequiredDeclaration;

function requireDeclaration () {
	if (hasRequiredDeclaration) return declaration;
	hasRequiredDeclaration = 1;

	const Statement = requireStatement();
	const KIND = "declaration";

	const IS_UNDEFINED = "";
	const IS_PUBLIC = "public";
	const IS_PROTECTED = "protected";
	const IS_PRIVATE = "private";

	const VISIBILITY_MAP = [IS_PUBLIC, IS_PROTECTED, IS_PRIVATE];

	/**
	 * A declaration statement (function, class, interface...)
	 * @constructor Declaration
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Identifier|string} name
	 * @property {string|null} visibilitySet
	 */
	const Declaration = Statement.extends(
	  KIND,
	  function Declaration(kind, name, docs, location) {
	    Statement.apply(this, [kind || KIND, docs, location]);
	    this.name = name;
	  },
	);

	/**
	 * Generic flags parser
	 * @function
	 * @name Declaration#parseFlags
	 * @memberOf module:php-parser
	 * @param {Array<number|null>} flags
	 * @return {void}
	 */
	Declaration.prototype.parseFlags = function (flags) {
	  this.isAbstract = flags[2] === 1;
	  this.isFinal = flags[2] === 2;
	  this.isReadonly = flags[3] === 1;
	  if (this.kind !== "class") {
	    const [getVis, setVis] = flags[0];
	    if (getVis === -1) {
	      this.visibility = IS_UNDEFINED;
	    } else if (getVis === null) {
	      /* istanbul ignore next */
	      this.visibility = null;
	    } else {
	      this.visibility = VISIBILITY_MAP[getVis];
	    }
	    this.isStatic = flags[1] === 1;
	    this.visibilitySet = setVis !== -1 ? VISIBILITY_MAP[setVis] : null;
	  }
	};

	declaration = Declaration;
	return declaration;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _class;
var hasRequired_class;

function require_class () {
	if (hasRequired_class) return _class;
	hasRequired_class = 1;

	const Declaration = requireDeclaration();
	const KIND = "class";

	/**
	 * A class definition
	 * @constructor Class
	 * @memberOf module:php-parser
	 * @extends {Declaration}
	 * @property {Identifier|null} extends
	 * @property {Identifier[]|null} implements
	 * @property {Declaration[]} body
	 * @property {boolean} isAnonymous
	 * @property {boolean} isAbstract
	 * @property {boolean} isFinal
	 * @property {boolean} isReadonly
	 * @property {AttrGroup[]} attrGroups
	 */
	_class = Declaration.extends(
	  KIND,
	  function Class(name, ext, impl, body, flags, docs, location) {
	    Declaration.apply(this, [KIND, name, docs, location]);
	    this.isAnonymous = name ? false : true;
	    this.extends = ext;
	    this.implements = impl;
	    this.body = body;
	    this.attrGroups = [];
	    this.parseFlags(flags);
	  },
	);
	return _class;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var constantstatement;
var hasRequiredConstantstatement;

function requireConstantstatement () {
	if (hasRequiredConstantstatement) return constantstatement;
	hasRequiredConstantstatement = 1;

	const Statement = requireStatement();
	const KIND = "constantstatement";

	/**
	 * Declares a constants into the current scope
	 * @constructor ConstantStatement
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Constant[]} constants
	 */
	constantstatement = Statement.extends(
	  KIND,
	  function ConstantStatement(kind, constants, docs, location) {
	    Statement.apply(this, [kind || KIND, docs, location]);
	    this.constants = constants;
	  },
	);
	return constantstatement;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var classconstant;
var hasRequiredClassconstant;

function requireClassconstant () {
	if (hasRequiredClassconstant) return classconstant;
	hasRequiredClassconstant = 1;

	const ConstantStatement = requireConstantstatement();
	const KIND = "classconstant";

	const IS_UNDEFINED = "";
	const IS_PUBLIC = "public";
	const IS_PROTECTED = "protected";
	const IS_PRIVATE = "private";

	/**
	 * Defines a class/interface/trait constant
	 * @constructor ClassConstant
	 * @memberOf module:php-parser
	 * @extends {ConstantStatement}
	 * @property {string} visibility
	 * @property {boolean} final
	 * @property {boolean} nullable
	 * @property {TypeReference|IntersectionType|UnionType|null} type
	 * @property {AttrGroup[]} attrGroups
	 */
	const ClassConstant = ConstantStatement.extends(
	  KIND,
	  function ClassConstant(
	    kind,
	    constants,
	    flags,
	    nullable,
	    type,
	    attrGroups,
	    docs,
	    location,
	  ) {
	    ConstantStatement.apply(this, [kind || KIND, constants, docs, location]);
	    this.parseFlags(flags);
	    this.nullable = nullable;
	    this.type = type;
	    this.attrGroups = attrGroups;
	  },
	);

	/**
	 * Generic flags parser
	 * @function
	 * @name ClassConstant#parseFlags
	 * @memberOf module:php-parser
	 * @param {Array<number|null>} flags
	 * @return {void}
	 */
	ClassConstant.prototype.parseFlags = function (flags) {
	  const getVis = flags[0][0];
	  if (getVis === -1) {
	    this.visibility = IS_UNDEFINED;
	  } else if (getVis === null) {
	    /* istanbul ignore next */
	    this.visibility = null;
	  } else if (getVis === 0) {
	    this.visibility = IS_PUBLIC;
	  } else if (getVis === 1) {
	    this.visibility = IS_PROTECTED;
	  } else if (getVis === 2) {
	    this.visibility = IS_PRIVATE;
	  }
	  this.final = flags[2] === 2;
	};

	classconstant = ClassConstant;
	return classconstant;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var clone;
var hasRequiredClone;

function requireClone () {
	if (hasRequiredClone) return clone;
	hasRequiredClone = 1;

	const Expression = requireExpression();
	const KIND = "clone";

	/**
	 * Defines a clone call
	 * @constructor Clone
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} what
	 * @property {Expression|null} properties
	 */
	clone = Expression.extends(
	  KIND,
	  function Clone(what, properties, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.what = what;
	    if (properties) {
	      this.properties = properties;
	    }
	  },
	);
	return clone;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var closure;
var hasRequiredClosure;

function requireClosure () {
	if (hasRequiredClosure) return closure;
	hasRequiredClosure = 1;

	const Expression = requireExpression();
	const KIND = "closure";

	/**
	 * Defines a closure
	 * @constructor Closure
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Parameter[]} arguments
	 * @property {Variable[]} uses
	 * @property {Identifier} type
	 * @property {Boolean} byref
	 * @property {boolean} nullable
	 * @property {Block|null} body
	 * @property {boolean} isStatic
	 * @property {AttrGroup[]} attrGroups
	 */
	closure = Expression.extends(
	  KIND,
	  function Closure(
	    args,
	    byref,
	    uses,
	    type,
	    nullable,
	    isStatic,
	    docs,
	    location,
	  ) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.uses = uses;
	    this.arguments = args;
	    this.byref = byref;
	    this.type = type;
	    this.nullable = nullable;
	    this.isStatic = isStatic || false;
	    this.body = null;
	    this.attrGroups = [];
	  },
	);
	return closure;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var comment;
var hasRequiredComment;

function requireComment () {
	if (hasRequiredComment) return comment;
	hasRequiredComment = 1;

	const Node = requireNode();

	/**
	 * Abstract documentation node (ComentLine or CommentBlock)
	 * @constructor Comment
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {String} value
	 */
	comment = Node.extends(
	  "comment",
	  function Comment(kind, value, docs, location) {
	    Node.apply(this, [kind, docs, location]);
	    this.value = value;
	  },
	);
	return comment;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var commentblock;
var hasRequiredCommentblock;

function requireCommentblock () {
	if (hasRequiredCommentblock) return commentblock;
	hasRequiredCommentblock = 1;

	const Comment = requireComment();
	const KIND = "commentblock";

	/**
	 * A comment block (multiline)
	 * @constructor CommentBlock
	 * @memberOf module:php-parser
	 * @extends {Comment}
	 */
	commentblock = Comment.extends(
	  KIND,
	  function CommentBlock(value, docs, location) {
	    Comment.apply(this, [KIND, value, docs, location]);
	  },
	);
	return commentblock;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var commentline;
var hasRequiredCommentline;

function requireCommentline () {
	if (hasRequiredCommentline) return commentline;
	hasRequiredCommentline = 1;

	const Comment = requireComment();
	const KIND = "commentline";

	/**
	 * A single line comment
	 * @constructor CommentLine
	 * @memberOf module:php-parser
	 * @extends {Comment}
	 */
	commentline = Comment.extends(
	  KIND,
	  function CommentLine(value, docs, location) {
	    Comment.apply(this, [KIND, value, docs, location]);
	  },
	);
	return commentline;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var constant;
var hasRequiredConstant;

function requireConstant () {
	if (hasRequiredConstant) return constant;
	hasRequiredConstant = 1;

	const Node = requireNode();
	const KIND = "constant";

	/**
	 * Defines a constant
	 * @constructor Constant
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {string} name
	 * @property {Node|string|number|boolean|null} value
	 */
	constant = Node.extends(
	  KIND,
	  function Constant(name, value, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.value = value;
	  },
	);
	return constant;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _continue;
var hasRequired_continue;

function require_continue () {
	if (hasRequired_continue) return _continue;
	hasRequired_continue = 1;

	const Statement = requireStatement();
	const KIND = "continue";

	/**
	 * A continue statement
	 * @constructor Continue
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {number|null} level
	 */
	_continue = Statement.extends(
	  KIND,
	  function Continue(level, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.level = level;
	  },
	);
	return _continue;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var declare;
var hasRequiredDeclare;

function requireDeclare () {
	if (hasRequiredDeclare) return declare;
	hasRequiredDeclare = 1;

	const Block = requireBlock();
	const KIND = "declare";

	/**
	 * The declare construct is used to set execution directives for a block of code
	 * @constructor Declare
	 * @memberOf module:php-parser
	 * @extends {Block}
	 * @property {DeclareDirective[]} directives
	 * @property {string} mode
	 * @see http://php.net/manual/en/control-structures.declare.php
	 */
	const Declare = Block.extends(
	  KIND,
	  function Declare(directives, body, mode, docs, location) {
	    Block.apply(this, [KIND, body, docs, location]);
	    this.directives = directives;
	    this.mode = mode;
	  },
	);

	/**
	 * The node is declared as a short tag syntax :
	 * ```php
	 * <?php
	 * declare(ticks=1):
	 * // some statements
	 * enddeclare;
	 * ```
	 * @constant {String} Declare#MODE_SHORT
	 * @memberOf module:php-parser
	 */
	Declare.MODE_SHORT = "short";

	/**
	 * The node is declared bracket enclosed code :
	 * ```php
	 * <?php
	 * declare(ticks=1) {
	 * // some statements
	 * }
	 * ```
	 * @constant {String} Declare#MODE_BLOCK
	 * @memberOf module:php-parser
	 */
	Declare.MODE_BLOCK = "block";

	/**
	 * The node is declared as a simple statement. In order to make things simpler
	 * children of the node are automatically collected until the next
	 * declare statement.
	 * ```php
	 * <?php
	 * declare(ticks=1);
	 * // some statements
	 * declare(ticks=2);
	 * // some statements
	 * ```
	 * @constant {String} Declare#MODE_NONE
	 * @memberOf module:php-parser
	 */
	Declare.MODE_NONE = "none";

	declare = Declare;
	return declare;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var declaredirective;
var hasRequiredDeclaredirective;

function requireDeclaredirective () {
	if (hasRequiredDeclaredirective) return declaredirective;
	hasRequiredDeclaredirective = 1;

	const Node = requireNode();
	const KIND = "declaredirective";

	/**
	 * Defines a constant
	 * @constructor DeclareDirective
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {Identifier} key
	 * @property {Node|string|number|boolean|null} value
	 */
	declaredirective = Node.extends(
	  KIND,
	  function DeclareDirective(key, value, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.key = key;
	    this.value = value;
	  },
	);
	return declaredirective;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _do;
var hasRequired_do;

function require_do () {
	if (hasRequired_do) return _do;
	hasRequired_do = 1;

	const Statement = requireStatement();
	const KIND = "do";

	/**
	 * Defines a do/while statement
	 * @constructor Do
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression} test
	 * @property {Block | null} body
	 */
	_do = Statement.extends(
	  KIND,
	  function Do(test, body, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.test = test;
	    this.body = body;
	  },
	);
	return _do;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var echo;
var hasRequiredEcho;

function requireEcho () {
	if (hasRequiredEcho) return echo;
	hasRequiredEcho = 1;

	const Statement = requireStatement();
	const KIND = "echo";

	/**
	 * Defines system based call
	 * @constructor Echo
	 * @memberOf module:php-parser
	 * @property {boolean} shortForm
	 * @property {Expression[]} expressions
	 * @extends {Statement}
	 */
	echo = Statement.extends(
	  KIND,
	  function Echo(expressions, shortForm, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.shortForm = shortForm;
	    this.expressions = expressions;
	  },
	);
	return echo;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var empty;
var hasRequiredEmpty;

function requireEmpty () {
	if (hasRequiredEmpty) return empty;
	hasRequiredEmpty = 1;

	const Expression = requireExpression();
	const KIND = "empty";

	/**
	 * Defines an empty check call
	 * @constructor Empty
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} expression
	 */
	empty = Expression.extends(
	  KIND,
	  function Empty(expression, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.expression = expression;
	  },
	);
	return empty;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var encapsed;
var hasRequiredEncapsed;

function requireEncapsed () {
	if (hasRequiredEncapsed) return encapsed;
	hasRequiredEncapsed = 1;

	const Literal = requireLiteral();
	const KIND = "encapsed";

	/**
	 * Defines an encapsed string (contains expressions)
	 * @constructor Encapsed
	 * @memberOf module:php-parser
	 * @extends {Literal}
	 * @property {String} type - Defines the type of encapsed string (shell, heredoc, string)
	 * @property {String|Null} label - The heredoc label, defined only when the type is heredoc
	 * @property {EncapsedPart[]} value
	 */
	const Encapsed = Literal.extends(
	  KIND,
	  function Encapsed(value, raw, type, docs, location) {
	    Literal.apply(this, [KIND, value, raw, docs, location]);
	    this.type = type;
	  },
	);

	/**
	 * The node is a double quote string :
	 * ```php
	 * <?php
	 * echo "hello $world";
	 * ```
	 * @constant {String} Encapsed#TYPE_STRING - `string`
	 * @memberOf module:php-parser
	 */
	Encapsed.TYPE_STRING = "string";

	/**
	 * The node is a shell execute string :
	 * ```php
	 * <?php
	 * echo `ls -larth $path`;
	 * ```
	 * @constant {String} Encapsed#TYPE_SHELL - `shell`
	 * @memberOf module:php-parser
	 */
	Encapsed.TYPE_SHELL = "shell";

	/**
	 * The node is a shell execute string :
	 * ```php
	 * <?php
	 * echo <<<STR
	 *  Hello $world
	 * STR
	 * ;
	 * ```
	 * @constant {String} Encapsed#TYPE_HEREDOC - `heredoc`
	 * @memberOf module:php-parser
	 */
	Encapsed.TYPE_HEREDOC = "heredoc";

	/**
	 * The node contains a list of constref / variables / expr :
	 * ```php
	 * <?php
	 * echo $foo->bar_$baz;
	 * ```
	 * @constant {String} Encapsed#TYPE_OFFSET - `offset`
	 * @memberOf module:php-parser
	 */
	Encapsed.TYPE_OFFSET = "offset";

	encapsed = Encapsed;
	return encapsed;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var encapsedpart;
var hasRequiredEncapsedpart;

function requireEncapsedpart () {
	if (hasRequiredEncapsedpart) return encapsedpart;
	hasRequiredEncapsedpart = 1;

	const Expression = requireExpression();
	const KIND = "encapsedpart";

	/**
	 * Part of `Encapsed` node
	 * @constructor EncapsedPart
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} expression
	 * @property {String} syntax
	 * @property {Boolean} curly
	 */
	encapsedpart = Expression.extends(
	  KIND,
	  function EncapsedPart(expression, syntax, curly, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.expression = expression;
	    this.syntax = syntax;
	    this.curly = curly;
	  },
	);
	return encapsedpart;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var entry;
var hasRequiredEntry;

function requireEntry () {
	if (hasRequiredEntry) return entry;
	hasRequiredEntry = 1;

	const Expression = requireExpression();
	const KIND = "entry";

	/**
	 * An array entry - see [Array](#array)
	 * @memberOf module:php-parser
	 * @constructor Entry
	 * @extends {Expression}
	 * @property {Node|null} key The entry key/offset
	 * @property {Node} value The entry value
	 * @property {Boolean} byRef By reference
	 * @property {Boolean} unpack Argument unpacking
	 */
	entry = Expression.extends(
	  KIND,
	  function Entry(key, value, byRef, unpack, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.key = key;
	    this.value = value;
	    this.byRef = byRef;
	    this.unpack = unpack;
	  },
	);
	return entry;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _enum;
var hasRequired_enum;

function require_enum () {
	if (hasRequired_enum) return _enum;
	hasRequired_enum = 1;

	const Declaration = requireDeclaration();
	const KIND = "enum";

	/**
	 * A enum definition
	 * @constructor Enum
	 * @memberOf module:php-parser
	 * @extends {Declaration}
	 * @property {Identifier|null} valueType
	 * @property {Identifier[]} implements
	 * @property {Declaration[]} body
	 * @property {AttrGroup[]} attrGroups
	 */
	_enum = Declaration.extends(
	  KIND,
	  function Enum(name, valueType, impl, body, docs, location) {
	    Declaration.apply(this, [KIND, name, docs, location]);
	    this.valueType = valueType;
	    this.implements = impl;
	    this.body = body;
	    this.attrGroups = [];
	  },
	);
	return _enum;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var enumcase;
var hasRequiredEnumcase;

function requireEnumcase () {
	if (hasRequiredEnumcase) return enumcase;
	hasRequiredEnumcase = 1;

	const Node = requireNode();
	const KIND = "enumcase";

	/**
	 * Declares a cases into the current scope
	 * @constructor EnumCase
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {string} name
	 * @property {string|number|null} value
	 */
	enumcase = Node.extends(
	  KIND,
	  function EnumCase(name, value, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.value = value;
	  },
	);
	return enumcase;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var error;
var hasRequiredError;

function requireError () {
	if (hasRequiredError) return error;
	hasRequiredError = 1;

	const Node = requireNode();
	const KIND = "error";

	/**
	 * Defines an error node (used only on silentMode)
	 * @constructor Error
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {string} message
	 * @property {number} line
	 * @property {number|string} token
	 * @property {string|array} expected
	 */
	error = Node.extends(
	  KIND,
	  function Error(message, token, line, expected, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.message = message;
	    this.token = token;
	    this.line = line;
	    this.expected = expected;
	  },
	);
	return error;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _eval;
var hasRequired_eval;

function require_eval () {
	if (hasRequired_eval) return _eval;
	hasRequired_eval = 1;

	const Expression = requireExpression();
	const KIND = "eval";

	/**
	 * Defines an eval statement
	 * @constructor Eval
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Node} source
	 */
	_eval = Expression.extends(
	  KIND,
	  function Eval(source, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.source = source;
	  },
	);
	return _eval;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var exit;
var hasRequiredExit;

function requireExit () {
	if (hasRequiredExit) return exit;
	hasRequiredExit = 1;

	const Expression = requireExpression();
	const KIND = "exit";

	/**
	 * Defines an exit / die call
	 * @constructor Exit
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Node|null} expression
	 * @property {boolean} useDie
	 */
	exit = Expression.extends(
	  KIND,
	  function Exit(expression, useDie, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.expression = expression;
	    this.useDie = useDie;
	  },
	);
	return exit;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var expressionstatement;
var hasRequiredExpressionstatement;

function requireExpressionstatement () {
	if (hasRequiredExpressionstatement) return expressionstatement;
	hasRequiredExpressionstatement = 1;

	const Statement = requireStatement();
	const KIND = "expressionstatement";

	/**
	 * Defines an expression based statement
	 * @constructor ExpressionStatement
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression} expression
	 */
	expressionstatement = Statement.extends(
	  KIND,
	  function ExpressionStatement(expr, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.expression = expr;
	  },
	);
	return expressionstatement;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _for;
var hasRequired_for;

function require_for () {
	if (hasRequired_for) return _for;
	hasRequired_for = 1;

	const Statement = requireStatement();
	const KIND = "for";

	/**
	 * Defines a for iterator
	 * @constructor For
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression[]} init
	 * @property {Expression[]} test
	 * @property {Expression[]} increment
	 * @property {Block | null} body
	 * @property {boolean} shortForm
	 * @see http://php.net/manual/en/control-structures.for.php
	 */
	_for = Statement.extends(
	  KIND,
	  function For(init, test, increment, body, shortForm, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.init = init;
	    this.test = test;
	    this.increment = increment;
	    this.shortForm = shortForm;
	    this.body = body;
	  },
	);
	return _for;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var foreach;
var hasRequiredForeach;

function requireForeach () {
	if (hasRequiredForeach) return foreach;
	hasRequiredForeach = 1;

	const Statement = requireStatement();
	const KIND = "foreach";

	/**
	 * Defines a foreach iterator
	 * @constructor Foreach
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression} source
	 * @property {Expression|null} key
	 * @property {Expression} value
	 * @property {Block | null} body
	 * @property {boolean} shortForm
	 * @see http://php.net/manual/en/control-structures.foreach.php
	 */
	foreach = Statement.extends(
	  KIND,
	  function Foreach(source, key, value, body, shortForm, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.source = source;
	    this.key = key;
	    this.value = value;
	    this.shortForm = shortForm;
	    this.body = body;
	  },
	);
	return foreach;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _function;
var hasRequired_function;

function require_function () {
	if (hasRequired_function) return _function;
	hasRequired_function = 1;

	const Declaration = requireDeclaration();
	const KIND = "function";

	/**
	 * Defines a classic function
	 * @constructor Function
	 * @memberOf module:php-parser
	 * @extends {Declaration}
	 * @property {Parameter[]} arguments
	 * @property {Identifier} type
	 * @property {boolean} byref
	 * @property {boolean} nullable
	 * @property {Block|null} body
	 * @property {AttrGroup[]} attrGroups
	 */
	_function = Declaration.extends(
	  KIND,
	  function _Function(name, args, byref, type, nullable, docs, location) {
	    Declaration.apply(this, [KIND, name, docs, location]);
	    this.arguments = args;
	    this.byref = byref;
	    this.type = type;
	    this.nullable = nullable;
	    this.body = null;
	    this.attrGroups = [];
	  },
	);
	return _function;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var global;
var hasRequiredGlobal;

function requireGlobal () {
	if (hasRequiredGlobal) return global;
	hasRequiredGlobal = 1;

	const Statement = requireStatement();
	const KIND = "global";

	/**
	 * Imports a variable from the global scope
	 * @constructor Global
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Variable[]} items
	 */
	global = Statement.extends(
	  KIND,
	  function Global(items, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.items = items;
	  },
	);
	return global;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var goto;
var hasRequiredGoto;

function requireGoto () {
	if (hasRequiredGoto) return goto;
	hasRequiredGoto = 1;

	const Statement = requireStatement();
	const KIND = "goto";

	/**
	 * Defines goto statement
	 * @constructor Goto
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {string} label
	 * @see {Label}
	 */
	goto = Statement.extends(KIND, function Goto(label, docs, location) {
	  Statement.apply(this, [KIND, docs, location]);
	  this.label = label;
	});
	return goto;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var halt;
var hasRequiredHalt;

function requireHalt () {
	if (hasRequiredHalt) return halt;
	hasRequiredHalt = 1;

	const Statement = requireStatement();
	const KIND = "halt";

	/**
	 * Halts the compiler execution
	 * @constructor Halt
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {String} after - String after the halt statement
	 * @see http://php.net/manual/en/function.halt-compiler.php
	 */
	halt = Statement.extends(KIND, function Halt(after, docs, location) {
	  Statement.apply(this, [KIND, docs, location]);
	  this.after = after;
	});
	return halt;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var identifier;
var hasRequiredIdentifier;

function requireIdentifier () {
	if (hasRequiredIdentifier) return identifier;
	hasRequiredIdentifier = 1;

	const Node = requireNode();
	const KIND = "identifier";

	/**
	 * Defines an identifier node
	 * @constructor Identifier
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {string} name
	 */
	const Identifier = Node.extends(
	  KIND,
	  function Identifier(name, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.name = name;
	  },
	);

	identifier = Identifier;
	return identifier;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _if;
var hasRequired_if;

function require_if () {
	if (hasRequired_if) return _if;
	hasRequired_if = 1;

	const Statement = requireStatement();
	const KIND = "if";

	/**
	 * Defines a if statement
	 * @constructor If
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression} test
	 * @property {Block} body
	 * @property {Block|If|null} alternate
	 * @property {boolean} shortForm
	 */
	_if = Statement.extends(
	  KIND,
	  function If(test, body, alternate, shortForm, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.test = test;
	    this.body = body;
	    this.alternate = alternate;
	    this.shortForm = shortForm;
	  },
	);
	return _if;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var include;
var hasRequiredInclude;

function requireInclude () {
	if (hasRequiredInclude) return include;
	hasRequiredInclude = 1;

	const Expression = requireExpression();
	const KIND = "include";

	/**
	 * Defines system include call
	 * @constructor Include
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Node} target
	 * @property {boolean} once
	 * @property {boolean} require
	 */
	include = Expression.extends(
	  KIND,
	  function Include(once, require, target, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.once = once;
	    this.require = require;
	    this.target = target;
	  },
	);
	return include;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var inline;
var hasRequiredInline;

function requireInline () {
	if (hasRequiredInline) return inline;
	hasRequiredInline = 1;

	const Literal = requireLiteral();
	const KIND = "inline";

	/**
	 * Defines inline html output (treated as echo output)
	 * @constructor Inline
	 * @memberOf module:php-parser
	 * @extends {Literal}
	 * @property {string} value
	 */
	inline = Literal.extends(
	  KIND,
	  function Inline(value, raw, docs, location) {
	    Literal.apply(this, [KIND, value, raw, docs, location]);
	  },
	);
	return inline;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _interface;
var hasRequired_interface;

function require_interface () {
	if (hasRequired_interface) return _interface;
	hasRequired_interface = 1;

	const Declaration = requireDeclaration();
	const KIND = "interface";

	/**
	 * An interface definition
	 * @constructor Interface
	 * @memberOf module:php-parser
	 * @extends {Declaration}
	 * @property {Identifier[]} extends
	 * @property {Declaration[]} body
	 * @property {AttrGroup[]} attrGroups
	 */
	_interface = Declaration.extends(
	  KIND,
	  function Interface(name, ext, body, attrGroups, docs, location) {
	    Declaration.apply(this, [KIND, name, docs, location]);
	    this.extends = ext;
	    this.body = body;
	    this.attrGroups = attrGroups;
	  },
	);
	return _interface;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var intersectiontype;
var hasRequiredIntersectiontype;

function requireIntersectiontype () {
	if (hasRequiredIntersectiontype) return intersectiontype;
	hasRequiredIntersectiontype = 1;

	const Declaration = requireDeclaration();
	const KIND = "intersectiontype";

	/**
	 * A union of types
	 * @memberOf module:php-parser
	 * @constructor IntersectionType
	 * @extends {Declaration}
	 * @property {TypeReference[]} types
	 */
	intersectiontype = Declaration.extends(
	  KIND,
	  function IntersectionType(types, docs, location) {
	    Declaration.apply(this, [KIND, null, docs, location]);
	    this.types = types;
	  },
	);
	return intersectiontype;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var isset;
var hasRequiredIsset;

function requireIsset () {
	if (hasRequiredIsset) return isset;
	hasRequiredIsset = 1;

	const Expression = requireExpression();
	const KIND = "isset";

	/**
	 * Defines an isset call
	 * @constructor Isset
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression[]} variables
	 */
	isset = Expression.extends(
	  KIND,
	  function Isset(variables, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.variables = variables;
	  },
	);
	return isset;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var label;
var hasRequiredLabel;

function requireLabel () {
	if (hasRequiredLabel) return label;
	hasRequiredLabel = 1;

	const Statement = requireStatement();
	const KIND = "label";

	/**
	 * A label statement (referenced by goto)
	 * @constructor Label
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {String} name
	 */
	label = Statement.extends(KIND, function Label(name, docs, location) {
	  Statement.apply(this, [KIND, docs, location]);
	  this.name = name;
	});
	return label;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var list;
var hasRequiredList;

function requireList () {
	if (hasRequiredList) return list;
	hasRequiredList = 1;

	const Expression = requireExpression();
	const KIND = "list";

	/**
	 * Defines list assignment
	 * @constructor List
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {boolean} shortForm
	 * @property {Entry[]} items
	 */
	list = Expression.extends(
	  KIND,
	  function List(items, shortForm, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.items = items;
	    this.shortForm = shortForm;
	  },
	);
	return list;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var lookup;
var hasRequiredLookup;

function requireLookup () {
	if (hasRequiredLookup) return lookup;
	hasRequiredLookup = 1;

	const Expr = requireExpression();
	const KIND = "lookup";

	/**
	 * Lookup on an offset in the specified object
	 * @constructor Lookup
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} what
	 * @property {Expression} offset
	 */
	lookup = Expr.extends(
	  KIND,
	  function Lookup(kind, what, offset, docs, location) {
	    Expr.apply(this, [kind || KIND, docs, location]);
	    this.what = what;
	    this.offset = offset;
	  },
	);
	return lookup;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var magic;
var hasRequiredMagic;

function requireMagic () {
	if (hasRequiredMagic) return magic;
	hasRequiredMagic = 1;

	const Literal = requireLiteral();
	const KIND = "magic";

	/**
	 * Defines magic constant
	 * @constructor Magic
	 * @memberOf module:php-parser
	 * @extends {Literal}
	 */
	magic = Literal.extends(
	  KIND,
	  function Magic(value, raw, docs, location) {
	    Literal.apply(this, [KIND, value, raw, docs, location]);
	  },
	);
	return magic;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var match;
var hasRequiredMatch;

function requireMatch () {
	if (hasRequiredMatch) return match;
	hasRequiredMatch = 1;

	const Expression = requireExpression();
	const KIND = "match";

	/**
	 * Defines a match expression
	 * @memberOf module:php-parser
	 * @constructor Match
	 * @extends {Expression}
	 * @property {Expression} cond Condition expression to match against
	 * @property {MatchArm[]} arms Arms for comparison
	 */
	match = Expression.extends(
	  KIND,
	  function Match(cond, arms, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.cond = cond;
	    this.arms = arms;
	  },
	);
	return match;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var matcharm;
var hasRequiredMatcharm;

function requireMatcharm () {
	if (hasRequiredMatcharm) return matcharm;
	hasRequiredMatcharm = 1;

	const Expression = requireExpression();
	const KIND = "matcharm";

	/**
	 * An array entry - see [Array](#array)
	 * @memberOf module:php-parser
	 * @constructor MatchArm
	 * @extends {Expression}
	 * @property {Expression[]|null} conds The match condition expression list - null indicates default arm
	 * @property {Expression} body The return value expression
	 */
	matcharm = Expression.extends(
	  KIND,
	  function MatchArm(conds, body, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.conds = conds;
	    this.body = body;
	  },
	);
	return matcharm;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var method;
var hasRequiredMethod;

function requireMethod () {
	if (hasRequiredMethod) return method;
	hasRequiredMethod = 1;

	const Function_ = require_function();
	const KIND = "method";

	/**
	 * Defines a class/interface/trait method
	 * @constructor Method
	 * @memberOf module:php-parser
	 * @extends {Function}
	 * @property {boolean} isAbstract
	 * @property {boolean} isFinal
	 * @property {boolean} isStatic
	 * @property {string} visibility
	 */
	method = Function_.extends(KIND, function Method() {
	  Function_.apply(this, arguments);
	  this.kind = KIND;
	});
	return method;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var reference;
var hasRequiredReference;

function requireReference () {
	if (hasRequiredReference) return reference;
	hasRequiredReference = 1;

	const Node = requireNode();
	const KIND = "reference";

	/**
	 * Defines a reference node
	 * @constructor Reference
	 * @memberOf module:php-parser
	 * @extends {Node}
	 */
	const Reference = Node.extends(KIND, function Reference(kind, docs, location) {
	  Node.apply(this, [kind || KIND, docs, location]);
	});

	reference = Reference;
	return reference;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var name;
var hasRequiredName;

function requireName () {
	if (hasRequiredName) return name;
	hasRequiredName = 1;

	const Reference = requireReference();
	const KIND = "name";

	/**
	 * Defines a class reference node
	 * @constructor Name
	 * @memberOf module:php-parser
	 * @extends {Reference}
	 * @property {string} name
	 * @property {string} resolution
	 */
	const Name = Reference.extends(
	  KIND,
	  function Name(name, resolution, docs, location) {
	    Reference.apply(this, [KIND, docs, location]);
	    this.name = name.replace(/\\$/, "");
	    this.resolution = resolution;
	  },
	);

	/**
	 * This is an identifier without a namespace separator, such as Foo
	 * @constant {String} Name#UNQUALIFIED_NAME
	 * @memberOf module:php-parser
	 */
	Name.UNQUALIFIED_NAME = "uqn";
	/**
	 * This is an identifier with a namespace separator, such as Foo\Bar
	 * @constant {String} Name#QUALIFIED_NAME
	 * @memberOf module:php-parser
	 */
	Name.QUALIFIED_NAME = "qn";
	/**
	 * This is an identifier with a namespace separator that begins with
	 * a namespace separator, such as \Foo\Bar. The namespace \Foo is also
	 * a fully qualified name.
	 * @constant {String} Name#FULL_QUALIFIED_NAME
	 * @memberOf module:php-parser
	 */
	Name.FULL_QUALIFIED_NAME = "fqn";
	/**
	 * This is an identifier starting with namespace, such as namespace\Foo\Bar.
	 * @constant {String} Name#RELATIVE_NAME
	 * @memberOf module:php-parser
	 */
	Name.RELATIVE_NAME = "rn";

	name = Name;
	return name;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var namespace;
var hasRequiredNamespace;

function requireNamespace () {
	if (hasRequiredNamespace) return namespace;
	hasRequiredNamespace = 1;

	const Block = requireBlock();
	const KIND = "namespace";

	/**
	 * The main program node
	 * @constructor Namespace
	 * @memberOf module:php-parser
	 * @extends {Block}
	 * @property {string} name
	 * @property {boolean} withBrackets
	 */
	namespace = Block.extends(
	  KIND,
	  function Namespace(name, children, withBrackets, docs, location) {
	    Block.apply(this, [KIND, children, docs, location]);
	    this.name = name;
	    this.withBrackets = withBrackets || false;
	  },
	);
	return namespace;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var namedargument;
var hasRequiredNamedargument;

function requireNamedargument () {
	if (hasRequiredNamedargument) return namedargument;
	hasRequiredNamedargument = 1;

	const Expression = requireExpression();
	const KIND = "namedargument";

	/**
	 * Named arguments.
	 * @memberOf module:php-parser
	 * @constructor namedargument
	 * @extends {Expression}
	 * @property {String} name
	 * @property {Expression} value
	 * @see https://www.php.net/manual/en/functions.arguments.php#functions.named-arguments
	 */
	namedargument = Expression.extends(
	  KIND,
	  function namedargument(name, value, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.value = value;
	  },
	);
	return namedargument;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _new;
var hasRequired_new;

function require_new () {
	if (hasRequired_new) return _new;
	hasRequired_new = 1;

	const Expression = requireExpression();
	const KIND = "new";

	/**
	 * Creates a new instance of the specified class
	 * @constructor New
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Identifier|Variable|Class} what
	 * @property {Variable[]} arguments
	 */
	_new = Expression.extends(
	  KIND,
	  function New(what, args, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.what = what;
	    this.arguments = args;
	  },
	);
	return _new;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var noop;
var hasRequiredNoop;

function requireNoop () {
	if (hasRequiredNoop) return noop;
	hasRequiredNoop = 1;

	const Node = requireNode();
	const KIND = "noop";

	/**
	 * Ignore this node, it implies a no operation block, for example :
	 * [$foo, $bar, /* here a noop node * /]
	 * @constructor Noop
	 * @memberOf module:php-parser
	 * @extends {Node}
	 */
	noop = Node.extends(KIND, function Noop(docs, location) {
	  Node.apply(this, [KIND, docs, location]);
	});
	return noop;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var nowdoc;
var hasRequiredNowdoc;

function requireNowdoc () {
	if (hasRequiredNowdoc) return nowdoc;
	hasRequiredNowdoc = 1;

	const Literal = requireLiteral();
	const KIND = "nowdoc";

	/**
	 * Defines a nowdoc string
	 * @constructor NowDoc
	 * @memberOf module:php-parser
	 * @extends {Literal}
	 * @property {string} label
	 * @property {string} raw
	 * @property {string} value
	 */
	nowdoc = Literal.extends(
	  KIND,
	  function Nowdoc(value, raw, label, docs, location) {
	    Literal.apply(this, [KIND, value, raw, docs, location]);
	    this.label = label;
	  },
	);
	return nowdoc;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var nullkeyword;
var hasRequiredNullkeyword;

function requireNullkeyword () {
	if (hasRequiredNullkeyword) return nullkeyword;
	hasRequiredNullkeyword = 1;

	const Node = requireNode();
	const KIND = "nullkeyword";

	/**
	 * Represents the null keyword
	 * @constructor NullKeyword
	 * @memberOf module:php-parser
	 * @extends {Node}
	 */
	nullkeyword = Node.extends(KIND, function NullKeyword(raw, docs, location) {
	  Node.apply(this, [KIND, docs, location]);
	  this.raw = raw;
	});
	return nullkeyword;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var nullsafepropertylookup;
var hasRequiredNullsafepropertylookup;

function requireNullsafepropertylookup () {
	if (hasRequiredNullsafepropertylookup) return nullsafepropertylookup;
	hasRequiredNullsafepropertylookup = 1;

	const Lookup = requireLookup();
	const KIND = "nullsafepropertylookup";

	/**
	 * Lookup to an object property
	 * @memberOf module:php-parser
	 * @constructor NullSafePropertyLookup
	 * @extends {Lookup}
	 */
	nullsafepropertylookup = Lookup.extends(
	  KIND,
	  function NullSafePropertyLookup(what, offset, docs, location) {
	    Lookup.apply(this, [KIND, what, offset, docs, location]);
	  },
	);
	return nullsafepropertylookup;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var number;
var hasRequiredNumber;

function requireNumber () {
	if (hasRequiredNumber) return number;
	hasRequiredNumber = 1;

	const Literal = requireLiteral();
	const KIND = "number";

	/**
	 * Defines a numeric value
	 * @constructor Number
	 * @memberOf module:php-parser
	 * @extends {Literal}
	 * @property {number} value
	 */
	number = Literal.extends(
	  KIND,
	  function Number(value, raw, docs, location) {
	    Literal.apply(this, [KIND, value, raw, docs, location]);
	  },
	);
	return number;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var offsetlookup;
var hasRequiredOffsetlookup;

function requireOffsetlookup () {
	if (hasRequiredOffsetlookup) return offsetlookup;
	hasRequiredOffsetlookup = 1;

	const Lookup = requireLookup();
	const KIND = "offsetlookup";

	/**
	 * Lookup on an offset in an array
	 * @constructor OffsetLookup
	 * @memberOf module:php-parser
	 * @extends {Lookup}
	 */
	offsetlookup = Lookup.extends(
	  KIND,
	  function OffsetLookup(what, offset, docs, location) {
	    Lookup.apply(this, [KIND, what, offset, docs, location]);
	  },
	);
	return offsetlookup;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var parameter;
var hasRequiredParameter;

function requireParameter () {
	if (hasRequiredParameter) return parameter;
	hasRequiredParameter = 1;

	const Declaration = requireDeclaration();
	const KIND = "parameter";

	/**
	 * @memberOf module:php-parser
	 * @typedef {1} MODIFIER_PUBLIC
	 **/
	/**
	 * @memberOf module:php-parser
	 * @typedef {2} MODIFIER_PROTECTED
	 **/
	/**
	 * @memberOf module:php-parser
	 * @typedef {4} MODIFIER_PRIVATE
	 **/
	/**
	 * Defines a function parameter
	 * @constructor Parameter
	 * @memberOf module:php-parser
	 * @extends {Declaration}
	 * @property {Identifier|null} type
	 * @property {Node|null} value
	 * @property {boolean} byref
	 * @property {boolean} variadic
	 * @property {boolean} readonly
	 * @property {boolean} nullable
	 * @property {AttrGroup[]} attrGroups
	 * @property {MODIFIER_PUBLIC|MODIFIER_PROTECTED|MODIFIER_PRIVATE} flags
	 * @property {PropertyHook[]} hooks
	 * @property {MODIFIER_PUBLIC|MODIFIER_PROTECTED|MODIFIER_PRIVATE} flagsSet
	 */
	parameter = Declaration.extends(
	  KIND,
	  function Parameter(
	    name,
	    type,
	    value,
	    isRef,
	    isVariadic,
	    readonly,
	    nullable,
	    flags,
	    hooks,
	    flagsSet,
	    docs,
	    location,
	  ) {
	    Declaration.apply(this, [KIND, name, docs, location]);
	    this.value = value;
	    this.type = type;
	    this.byref = isRef;
	    this.variadic = isVariadic;
	    this.readonly = readonly;
	    this.nullable = nullable;
	    this.flags = flags || 0;
	    this.hooks = hooks || [];
	    this.flagsSet = flagsSet || 0;
	    this.attrGroups = [];
	  },
	);
	return parameter;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var parentreference;
var hasRequiredParentreference;

function requireParentreference () {
	if (hasRequiredParentreference) return parentreference;
	hasRequiredParentreference = 1;

	const Reference = requireReference();
	const KIND = "parentreference";

	/**
	 * Defines a class reference node
	 * @constructor ParentReference
	 * @memberOf module:php-parser
	 * @extends {Reference}
	 */
	const ParentReference = Reference.extends(
	  KIND,
	  function ParentReference(raw, docs, location) {
	    Reference.apply(this, [KIND, docs, location]);
	    this.raw = raw;
	  },
	);
	parentreference = ParentReference;
	return parentreference;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var post;
var hasRequiredPost;

function requirePost () {
	if (hasRequiredPost) return post;
	hasRequiredPost = 1;

	const Operation = requireOperation();
	const KIND = "post";

	/**
	 * Defines a post operation `$i++` or `$i--`
	 * @constructor Post
	 * @memberOf module:php-parser
	 * @extends {Operation}
	 * @property {String} type
	 * @property {Variable} what
	 */
	post = Operation.extends(
	  KIND,
	  function Post(type, what, docs, location) {
	    Operation.apply(this, [KIND, docs, location]);
	    this.type = type;
	    this.what = what;
	  },
	);
	return post;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var pre;
var hasRequiredPre;

function requirePre () {
	if (hasRequiredPre) return pre;
	hasRequiredPre = 1;

	const Operation = requireOperation();
	const KIND = "pre";

	/**
	 * Defines a pre operation `++$i` or `--$i`
	 * @constructor Pre
	 * @memberOf module:php-parser
	 * @extends {Operation}
	 * @property {String} type
	 * @property {Variable} what
	 */
	pre = Operation.extends(
	  KIND,
	  function Pre(type, what, docs, location) {
	    Operation.apply(this, [KIND, docs, location]);
	    this.type = type;
	    this.what = what;
	  },
	);
	return pre;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var print;
var hasRequiredPrint;

function requirePrint () {
	if (hasRequiredPrint) return print;
	hasRequiredPrint = 1;

	const Expression = requireExpression();
	const KIND = "print";

	/**
	 * Outputs
	 * @constructor Print
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} expression
	 */
	print = Expression.extends(
	  KIND,
	  function Print(expression, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.expression = expression;
	  },
	);
	return print;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var program;
var hasRequiredProgram;

function requireProgram () {
	if (hasRequiredProgram) return program;
	hasRequiredProgram = 1;

	const Block = requireBlock();
	const KIND = "program";

	/**
	 * The main program node
	 * @constructor Program
	 * @memberOf module:php-parser
	 * @extends {Block}
	 * @property {Error[]} errors
	 * @property {Comment[]|null} comments
	 * @property {String[]|null} tokens
	 */
	program = Block.extends(
	  KIND,
	  function Program(children, errors, comments, tokens, docs, location) {
	    Block.apply(this, [KIND, children, docs, location]);
	    this.errors = errors;
	    if (comments) {
	      this.comments = comments;
	    }
	    if (tokens) {
	      this.tokens = tokens;
	    }
	  },
	);
	return program;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var property;
var hasRequiredProperty;

function requireProperty () {
	if (hasRequiredProperty) return property;
	hasRequiredProperty = 1;

	const Statement = requireStatement();
	const KIND = "property";

	/**
	 * Defines a class property
	 * @constructor Property
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {string} name
	 * @property {Node|null} value
	 * @property {boolean} readonly
	 * @property {boolean} nullable
	 * @property {Identifier|Array<Identifier>|null} type
	 * @property {AttrGroup[]} attrGroups
	 * @property {PropertyHook[]} hooks
	 */
	property = Statement.extends(
	  KIND,
	  function Property(
	    name,
	    value,
	    readonly,
	    nullable,
	    type,
	    attrGroups,
	    hooks,
	    docs,
	    location,
	  ) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.value = value;
	    this.readonly = readonly;
	    this.nullable = nullable;
	    this.type = type;
	    this.attrGroups = attrGroups;
	    this.hooks = hooks || [];
	  },
	);
	return property;
}

/**
 * Copyright (C) 2024 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var propertyhook;
var hasRequiredPropertyhook;

function requirePropertyhook () {
	if (hasRequiredPropertyhook) return propertyhook;
	hasRequiredPropertyhook = 1;

	const Node = requireNode();
	const KIND = "propertyhook";

	/**
	 * Defines a class property hook getter & setter
	 *
	 * @constructor PropertyHook
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {string} name
	 * @property {Boolean} isFinal
	 * @property {Boolean} byref
	 * @property {Parameter|null} parameter
	 * @property {Block|Expression|null} body
	 * @property {AttrGroup[]} attrGroups
	 */
	propertyhook = Node.extends(
	  KIND,
	  function PropertyHook(
	    name,
	    isFinal,
	    byref,
	    parameter,
	    body,
	    attrGroups,
	    docs,
	    location,
	  ) {
	    Node.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.isFinal = isFinal;
	    this.byref = byref;
	    this.parameter = parameter;
	    this.body = body;
	    this.attrGroups = attrGroups || [];
	  },
	);
	return propertyhook;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var propertylookup;
var hasRequiredPropertylookup;

function requirePropertylookup () {
	if (hasRequiredPropertylookup) return propertylookup;
	hasRequiredPropertylookup = 1;

	const Lookup = requireLookup();
	const KIND = "propertylookup";

	/**
	 * Lookup to an object property
	 * @memberOf module:php-parser
	 * @constructor PropertyLookup
	 * @extends {Lookup}
	 */
	propertylookup = Lookup.extends(
	  KIND,
	  function PropertyLookup(what, offset, docs, location) {
	    Lookup.apply(this, [KIND, what, offset, docs, location]);
	  },
	);
	return propertylookup;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var propertystatement;
var hasRequiredPropertystatement;

function requirePropertystatement () {
	if (hasRequiredPropertystatement) return propertystatement;
	hasRequiredPropertystatement = 1;

	const Statement = requireStatement();
	const KIND = "propertystatement";

	const IS_UNDEFINED = "";
	const IS_PUBLIC = "public";
	const IS_PROTECTED = "protected";
	const IS_PRIVATE = "private";

	const VISIBILITY_MAP = [IS_PUBLIC, IS_PROTECTED, IS_PRIVATE];

	/**
	 * Declares a properties into the current scope
	 * @constructor PropertyStatement
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Property[]} properties
	 * @property {string|null} visibility
	 * @property {string|null} visibilitySet
	 * @property {boolean} isStatic
	 * @property {boolean} isAbstract
	 * @property {boolean} isFinal
	 */
	const PropertyStatement = Statement.extends(
	  KIND,
	  function PropertyStatement(kind, properties, flags, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.properties = properties;
	    this.parseFlags(flags);
	  },
	);

	/**
	 * Generic flags parser
	 * @function PropertyStatement#parseFlags
	 * @memberOf module:php-parser
	 * @param {Array<number|null>} flags
	 * @return {void}
	 */
	PropertyStatement.prototype.parseFlags = function (flags) {
	  const [getVis, setVis] = flags[0];
	  if (getVis === -1) {
	    this.visibility = IS_UNDEFINED;
	  } else if (getVis === null) {
	    this.visibility = null;
	  } else {
	    this.visibility = VISIBILITY_MAP[getVis];
	  }

	  this.isStatic = flags[1] === 1;
	  this.isAbstract = flags[2] === 1;
	  this.isFinal = flags[2] === 2;
	  this.visibilitySet = setVis !== -1 ? VISIBILITY_MAP[setVis] : null;
	};

	propertystatement = PropertyStatement;
	return propertystatement;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var retif;
var hasRequiredRetif;

function requireRetif () {
	if (hasRequiredRetif) return retif;
	hasRequiredRetif = 1;

	const Expression = requireExpression();
	const KIND = "retif";

	/**
	 * Defines a short if statement that returns a value
	 * @constructor RetIf
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} test
	 * @property {Expression} trueExpr
	 * @property {Expression} falseExpr
	 */
	retif = Expression.extends(
	  KIND,
	  function RetIf(test, trueExpr, falseExpr, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.test = test;
	    this.trueExpr = trueExpr;
	    this.falseExpr = falseExpr;
	  },
	);
	return retif;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _return;
var hasRequired_return;

function require_return () {
	if (hasRequired_return) return _return;
	hasRequired_return = 1;

	const Statement = requireStatement();
	const KIND = "return";

	/**
	 * A continue statement
	 * @constructor Return
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression|null} expr
	 */
	_return = Statement.extends(KIND, function Return(expr, docs, location) {
	  Statement.apply(this, [KIND, docs, location]);
	  this.expr = expr;
	});
	return _return;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var selfreference;
var hasRequiredSelfreference;

function requireSelfreference () {
	if (hasRequiredSelfreference) return selfreference;
	hasRequiredSelfreference = 1;

	const Reference = requireReference();
	const KIND = "selfreference";

	/**
	 * Defines a class reference node
	 * @constructor SelfReference
	 * @memberOf module:php-parser
	 * @extends {Reference}
	 */
	const SelfReference = Reference.extends(
	  KIND,
	  function SelfReference(raw, docs, location) {
	    Reference.apply(this, [KIND, docs, location]);
	    this.raw = raw;
	  },
	);
	selfreference = SelfReference;
	return selfreference;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var silent;
var hasRequiredSilent;

function requireSilent () {
	if (hasRequiredSilent) return silent;
	hasRequiredSilent = 1;

	const Expression = requireExpression();
	const KIND = "silent";

	/**
	 * Avoids to show/log warnings & notices from the inner expression
	 * @constructor Silent
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} expr
	 */
	silent = Expression.extends(
	  KIND,
	  function Silent(expr, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.expr = expr;
	  },
	);
	return silent;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _static;
var hasRequired_static;

function require_static () {
	if (hasRequired_static) return _static;
	hasRequired_static = 1;

	const Statement = requireStatement();
	const KIND = "static";

	/**
	 * Declares a static variable into the current scope
	 * @constructor Static
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {StaticVariable[]} variables
	 */
	_static = Statement.extends(
	  KIND,
	  function Static(variables, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.variables = variables;
	  },
	);
	return _static;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var staticvariable;
var hasRequiredStaticvariable;

function requireStaticvariable () {
	if (hasRequiredStaticvariable) return staticvariable;
	hasRequiredStaticvariable = 1;

	const Node = requireNode();
	const KIND = "staticvariable";

	/**
	 * Defines a constant
	 * @constructor StaticVariable
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {Variable} variable
	 * @property {Node|string|number|boolean|null} defaultValue
	 */
	staticvariable = Node.extends(
	  KIND,
	  function StaticVariable(variable, defaultValue, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.variable = variable;
	    this.defaultValue = defaultValue;
	  },
	);
	return staticvariable;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var staticlookup;
var hasRequiredStaticlookup;

function requireStaticlookup () {
	if (hasRequiredStaticlookup) return staticlookup;
	hasRequiredStaticlookup = 1;

	const Lookup = requireLookup();
	const KIND = "staticlookup";

	/**
	 * Lookup to a static property
	 * @constructor StaticLookup
	 * @memberOf module:php-parser
	 * @extends {Lookup}
	 */
	staticlookup = Lookup.extends(
	  KIND,
	  function StaticLookup(what, offset, docs, location) {
	    Lookup.apply(this, [KIND, what, offset, docs, location]);
	  },
	);
	return staticlookup;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var staticreference;
var hasRequiredStaticreference;

function requireStaticreference () {
	if (hasRequiredStaticreference) return staticreference;
	hasRequiredStaticreference = 1;

	const Reference = requireReference();
	const KIND = "staticreference";

	/**
	 * Defines a class reference node
	 * @constructor StaticReference
	 * @memberOf module:php-parser
	 * @extends {Reference}
	 */
	const StaticReference = Reference.extends(
	  KIND,
	  function StaticReference(raw, docs, location) {
	    Reference.apply(this, [KIND, docs, location]);
	    this.raw = raw;
	  },
	);
	staticreference = StaticReference;
	return staticreference;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var string;
var hasRequiredString;

function requireString () {
	if (hasRequiredString) return string;
	hasRequiredString = 1;

	const Literal = requireLiteral();
	const KIND = "string";

	/**
	 * Defines a string (simple or double quoted) - chars are already escaped
	 * @constructor String
	 * @memberOf module:php-parser
	 * @extends {Literal}
	 * @property {boolean} unicode
	 * @property {boolean} isDoubleQuote
	 * @see {Encapsed}
	 * @property {string} value
	 */
	string = Literal.extends(
	  KIND,
	  function String(isDoubleQuote, value, unicode, raw, docs, location) {
	    Literal.apply(this, [KIND, value, raw, docs, location]);
	    this.unicode = unicode;
	    this.isDoubleQuote = isDoubleQuote;
	  },
	);
	return string;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _switch;
var hasRequired_switch;

function require_switch () {
	if (hasRequired_switch) return _switch;
	hasRequired_switch = 1;

	const Statement = requireStatement();
	const KIND = "switch";

	/**
	 * Defines a switch statement
	 * @constructor Switch
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression} test
	 * @property {Block} body
	 * @property {boolean} shortForm
	 */
	_switch = Statement.extends(
	  KIND,
	  function Switch(test, body, shortForm, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.test = test;
	    this.body = body;
	    this.shortForm = shortForm;
	  },
	);
	return _switch;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _throw;
var hasRequired_throw;

function require_throw () {
	if (hasRequired_throw) return _throw;
	hasRequired_throw = 1;

	const Statement = requireStatement();
	const KIND = "throw";

	/**
	 * Defines a throw statement
	 * @constructor Throw
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression} what
	 */
	_throw = Statement.extends(KIND, function Throw(what, docs, location) {
	  Statement.apply(this, [KIND, docs, location]);
	  this.what = what;
	});
	return _throw;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var trait;
var hasRequiredTrait;

function requireTrait () {
	if (hasRequiredTrait) return trait;
	hasRequiredTrait = 1;

	const Declaration = requireDeclaration();
	const KIND = "trait";

	/**
	 * A trait definition
	 * @constructor Trait
	 * @memberOf module:php-parser
	 * @extends {Declaration}
	 * @property {Declaration[]} body
	 */
	trait = Declaration.extends(
	  KIND,
	  function Trait(name, body, docs, location) {
	    Declaration.apply(this, [KIND, name, docs, location]);
	    this.body = body;
	  },
	);
	return trait;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var traitalias;
var hasRequiredTraitalias;

function requireTraitalias () {
	if (hasRequiredTraitalias) return traitalias;
	hasRequiredTraitalias = 1;

	const Node = requireNode();
	const KIND = "traitalias";

	const IS_UNDEFINED = "";
	const IS_PUBLIC = "public";
	const IS_PROTECTED = "protected";
	const IS_PRIVATE = "private";

	/**
	 * Defines a trait alias
	 * @constructor TraitAlias
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {Identifier|null} trait
	 * @property {Identifier} method
	 * @property {Identifier|null} as
	 * @property {string|null} visibility
	 */
	traitalias = Node.extends(
	  KIND,
	  function TraitAlias(trait, method, as, flags, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.trait = trait;
	    this.method = method;
	    this.as = as;
	    this.visibility = IS_UNDEFINED;
	    if (flags) {
	      const getVis = flags[0][0];
	      if (getVis === 0) {
	        this.visibility = IS_PUBLIC;
	      } else if (getVis === 1) {
	        this.visibility = IS_PROTECTED;
	      } else if (getVis === 2) {
	        this.visibility = IS_PRIVATE;
	      }
	    }
	  },
	);
	return traitalias;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var traitprecedence;
var hasRequiredTraitprecedence;

function requireTraitprecedence () {
	if (hasRequiredTraitprecedence) return traitprecedence;
	hasRequiredTraitprecedence = 1;

	const Node = requireNode();
	const KIND = "traitprecedence";

	/**
	 * Defines a trait alias
	 * @constructor TraitPrecedence
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {Identifier|null} trait
	 * @property {Identifier} method
	 * @property {Identifier[]} instead
	 */
	traitprecedence = Node.extends(
	  KIND,
	  function TraitPrecedence(trait, method, instead, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.trait = trait;
	    this.method = method;
	    this.instead = instead;
	  },
	);
	return traitprecedence;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var traituse;
var hasRequiredTraituse;

function requireTraituse () {
	if (hasRequiredTraituse) return traituse;
	hasRequiredTraituse = 1;

	const Node = requireNode();
	const KIND = "traituse";

	/**
	 * Defines a trait usage
	 * @constructor TraitUse
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @property {Identifier[]} traits
	 * @property {Node[]|null} adaptations
	 */
	traituse = Node.extends(
	  KIND,
	  function TraitUse(traits, adaptations, docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	    this.traits = traits;
	    this.adaptations = adaptations;
	  },
	);
	return traituse;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _try;
var hasRequired_try;

function require_try () {
	if (hasRequired_try) return _try;
	hasRequired_try = 1;

	const Statement = requireStatement();
	const KIND = "try";

	/**
	 * Defines a try statement
	 * @constructor Try
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Block} body
	 * @property {Catch[]} catches
	 * @property {Block} always
	 */
	_try = Statement.extends(
	  KIND,
	  function Try(body, catches, always, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.body = body;
	    this.catches = catches;
	    this.always = always;
	  },
	);
	return _try;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var typereference;
var hasRequiredTypereference;

function requireTypereference () {
	if (hasRequiredTypereference) return typereference;
	hasRequiredTypereference = 1;

	const Reference = requireReference();
	const KIND = "typereference";

	/**
	 * Defines a class reference node
	 * @constructor TypeReference
	 * @memberOf module:php-parser
	 * @extends {Reference}
	 * @property {string} name
	 */
	const TypeReference = Reference.extends(
	  KIND,
	  function TypeReference(name, raw, docs, location) {
	    Reference.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.raw = raw;
	  },
	);

	TypeReference.types = [
	  "int",
	  "float",
	  "string",
	  "bool",
	  "object",
	  "array",
	  "callable",
	  "iterable",
	  "void",
	  "static",
	  "null",
	  "never",
	  "mixed",
	  "true",
	  "false",
	];

	typereference = TypeReference;
	return typereference;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var unary;
var hasRequiredUnary;

function requireUnary () {
	if (hasRequiredUnary) return unary;
	hasRequiredUnary = 1;

	const Operation = requireOperation();
	const KIND = "unary";

	/**
	 * Unary operations
	 * @constructor Unary
	 * @memberOf module:php-parser
	 * @extends {Operation}
	 * @property {string} type
	 * @property {Expression} what
	 */
	unary = Operation.extends(
	  KIND,
	  function Unary(type, what, docs, location) {
	    Operation.apply(this, [KIND, docs, location]);
	    this.type = type;
	    this.what = what;
	  },
	);
	return unary;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var uniontype;
var hasRequiredUniontype;

function requireUniontype () {
	if (hasRequiredUniontype) return uniontype;
	hasRequiredUniontype = 1;

	const Declaration = requireDeclaration();
	const KIND = "uniontype";

	/**
	 * A union of types
	 * @memberOf module:php-parser
	 * @constructor UnionType
	 * @extends {Declaration}
	 * @property {TypeReference[]} types
	 */
	uniontype = Declaration.extends(
	  KIND,
	  function UnionType(types, docs, location) {
	    Declaration.apply(this, [KIND, null, docs, location]);
	    this.types = types;
	  },
	);
	return uniontype;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var unset;
var hasRequiredUnset;

function requireUnset () {
	if (hasRequiredUnset) return unset;
	hasRequiredUnset = 1;

	const Statement = requireStatement();
	const KIND = "unset";

	/**
	 * Deletes references to a list of variables
	 * @constructor Unset
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 */
	unset = Statement.extends(
	  KIND,
	  function Unset(variables, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.variables = variables;
	  },
	);
	return unset;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var usegroup;
var hasRequiredUsegroup;

function requireUsegroup () {
	if (hasRequiredUsegroup) return usegroup;
	hasRequiredUsegroup = 1;

	const Statement = requireStatement();
	const KIND = "usegroup";

	/**
	 * Defines a use statement (with a list of use items)
	 * @constructor UseGroup
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {string|null} name
	 * @property {string|null} type - Possible value : function, const
	 * @property {UseItem[]} items
	 * @see {Namespace}
	 * @see http://php.net/manual/en/language.namespaces.importing.php
	 */
	usegroup = Statement.extends(
	  KIND,
	  function UseGroup(name, type, items, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.type = type;
	    this.items = items;
	  },
	);
	return usegroup;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var useitem;
var hasRequiredUseitem;

function requireUseitem () {
	if (hasRequiredUseitem) return useitem;
	hasRequiredUseitem = 1;

	const Statement = requireStatement();
	const KIND = "useitem";

	/**
	 * Defines a use statement (from namespace)
	 * @constructor UseItem
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {string} name
	 * @property {string|null} type - Possible value : function, const
	 * @property {Identifier|null} alias
	 * @see {Namespace}
	 * @see http://php.net/manual/en/language.namespaces.importing.php
	 */
	const UseItem = Statement.extends(
	  KIND,
	  function UseItem(name, alias, type, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.alias = alias;
	    this.type = type;
	  },
	);

	/**
	 * Importing a constant
	 * @constant {string} UseItem#TYPE_CONST
	 * @memberOf module:php-parser
	 */
	UseItem.TYPE_CONST = "const";
	/**
	 * Importing a function
	 * @constant {string} UseItem#TYPE_FUNC
	 * @memberOf module:php-parser
	 */
	UseItem.TYPE_FUNCTION = "function";

	useitem = UseItem;
	return useitem;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var variable;
var hasRequiredVariable;

function requireVariable () {
	if (hasRequiredVariable) return variable;
	hasRequiredVariable = 1;

	const Expression = requireExpression();
	const KIND = "variable";

	/**
	 * Any expression node. Since the left-hand side of an assignment may
	 * be any expression in general, an expression can also be a pattern.
	 * @constructor Variable
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @example
	 * // PHP code :
	 * $foo
	 * // AST output
	 * {
	 *  "kind": "variable",
	 *  "name": "foo",
	 *  "curly": false
	 * }
	 * @property {string|Node} name The variable name (can be a complex expression when the name is resolved dynamically)
	 * @property {boolean} curly Indicate if the name is defined between curlies, ex `${foo}`
	 */
	variable = Expression.extends(
	  KIND,
	  function Variable(name, curly, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.name = name;
	    this.curly = curly || false;
	  },
	);
	return variable;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var variadic;
var hasRequiredVariadic;

function requireVariadic () {
	if (hasRequiredVariadic) return variadic;
	hasRequiredVariadic = 1;

	const Expression = requireExpression();
	const KIND = "variadic";

	/**
	 * Introduce a list of items into the arguments of the call
	 * @constructor Variadic
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Array|Expression} what
	 * @see https://wiki.php.net/rfc/argument_unpacking
	 */
	variadic = Expression.extends(
	  KIND,
	  function variadic(what, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.what = what;
	  },
	);
	return variadic;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var variadicplaceholder;
var hasRequiredVariadicplaceholder;

function requireVariadicplaceholder () {
	if (hasRequiredVariadicplaceholder) return variadicplaceholder;
	hasRequiredVariadicplaceholder = 1;

	const Node = requireNode();
	const KIND = "variadicplaceholder";

	/**
	 * Defines a variadic placeholder (the ellipsis in PHP 8.1+'s first-class callable syntax)
	 * @constructor VariadicPlaceholder
	 * @memberOf module:php-parser
	 * @extends {Node}
	 * @see {Namespace}
	 * @see http://php.net/manual/en/language.namespaces.importing.php
	 */
	variadicplaceholder = Node.extends(
	  KIND,
	  function VariadicPlaceholder(docs, location) {
	    Node.apply(this, [KIND, docs, location]);
	  },
	);
	return variadicplaceholder;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _while;
var hasRequired_while;

function require_while () {
	if (hasRequired_while) return _while;
	hasRequired_while = 1;

	const Statement = requireStatement();
	const KIND = "while";

	/**
	 * Defines a while statement
	 * @constructor While
	 * @memberOf module:php-parser
	 * @extends {Statement}
	 * @property {Expression} test
	 * @property {Block | null} body
	 * @property {boolean} shortForm
	 */
	_while = Statement.extends(
	  KIND,
	  function While(test, body, shortForm, docs, location) {
	    Statement.apply(this, [KIND, docs, location]);
	    this.test = test;
	    this.body = body;
	    this.shortForm = shortForm;
	  },
	);
	return _while;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var _yield;
var hasRequired_yield;

function require_yield () {
	if (hasRequired_yield) return _yield;
	hasRequired_yield = 1;

	const Expression = requireExpression();
	const KIND = "yield";

	/**
	 * Defines a yield generator statement
	 * @constructor Yield
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression|null} value
	 * @property {Expression|null} key
	 * @see http://php.net/manual/en/language.generators.syntax.php
	 */
	_yield = Expression.extends(
	  KIND,
	  function Yield(value, key, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.value = value;
	    this.key = key;
	  },
	);
	return _yield;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var yieldfrom;
var hasRequiredYieldfrom;

function requireYieldfrom () {
	if (hasRequiredYieldfrom) return yieldfrom;
	hasRequiredYieldfrom = 1;

	const Expression = requireExpression();
	const KIND = "yieldfrom";

	/**
	 * Defines a yield from generator statement
	 * @constructor YieldFrom
	 * @memberOf module:php-parser
	 * @extends {Expression}
	 * @property {Expression} value
	 * @see http://php.net/manual/en/language.generators.syntax.php
	 */
	yieldfrom = Expression.extends(
	  KIND,
	  function YieldFrom(value, docs, location) {
	    Expression.apply(this, [KIND, docs, location]);
	    this.value = value;
	  },
	);
	return yieldfrom;
}

/**
 * Copyright (C) 2018 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var ast;
var hasRequiredAst;

function requireAst () {
	if (hasRequiredAst) return ast;
	hasRequiredAst = 1;

	const Location = requireLocation();
	const Position = requirePosition();

	/**
	 * ## Class hierarchy
	 *
	 * - [Location](#location)
	 * - [Position](#position)
	 * - [Node](#node)
	 *   - [Noop](#noop)
	 *   - [NullKeyword](#nullkeyword)
	 *   - [StaticVariable](#staticvariable)
	 *   - [EncapsedPart](#encapsedpart)
	 *   - [Constant](#constant)
	 *   - [Identifier](#identifier)
	 *   - [Reference](#reference)
	 *     - [TypeReference](#typereference)
	 *     - [ParentReference](#parentreference)
	 *     - [StaticReference](#staticreference)
	 *     - [SelfReference](#selfreference)
	 *     - [Name](#name)
	 *   - [TraitUse](#traituse)
	 *   - [TraitAlias](#traitalias)
	 *   - [TraitPrecedence](#traitprecedence)
	 *   - [Comment](#comment)
	 *     - [CommentLine](#commentline)
	 *     - [CommentBlock](#commentblock)
	 *   - [Error](#error)
	 *   - [Expression](#expression)
	 *     - [Entry](#entry)
	 *     - [ArrowFunc](#arrowfunc)
	 *     - [Closure](#closure)
	 *     - [ByRef](#byref)
	 *     - [Silent](#silent)
	 *     - [RetIf](#retif)
	 *     - [New](#new)
	 *     - [Include](#include)
	 *     - [Call](#call)
	 *     - [Eval](#eval)
	 *     - [Exit](#exit)
	 *     - [Clone](#clone)
	 *     - [Assign](#assign)
	 *     - [AssignRef](#assignref)
	 *     - [Array](#array)
	 *     - [List](#list)
	 *     - [Variable](#variable)
	 *     - [Variadic](#variadic)
	 *     - [Yield](#yield)
	 *     - [YieldFrom](#yieldfrom)
	 *     - [Print](#print)
	 *     - [Isset](#isset)
	 *     - [Empty](#empty)
	 *     - [Lookup](#lookup)
	 *       - [PropertyLookup](#propertylookup)
	 *       - [StaticLookup](#staticlookup)
	 *       - [OffsetLookup](#offsetlookup)
	 *     - [Operation](#operation)
	 *       - [Pre](#pre)
	 *       - [Post](#post)
	 *       - [Bin](#bin)
	 *       - [Unary](#unary)
	 *       - [Cast](#cast)
	 *     - [Literal](#literal)
	 *       - [Boolean](#boolean)
	 *       - [String](#string)
	 *       - [Number](#number)
	 *       - [Inline](#inline)
	 *       - [Magic](#magic)
	 *       - [Nowdoc](#nowdoc)
	 *       - [Encapsed](#encapsed)
	 *   - [Statement](#statement)
	 *     - [ConstantStatement](#constantstatement)
	 *       - [ClassConstant](#classconstant)
	 *     - [Return](#return)
	 *     - [Label](#label)
	 *     - [Continue](#continue)
	 *     - [Case](#case)
	 *     - [Break](#break)
	 *     - [Echo](#echo)
	 *     - [Unset](#unset)
	 *     - [Halt](#halt)
	 *     - [Declare](#declare)
	 *     - [Global](#global)
	 *     - [Static](#static)
	 *     - [If](#if)
	 *     - [Do](#do)
	 *     - [While](#while)
	 *     - [For](#for)
	 *     - [Foreach](#foreach)
	 *     - [Switch](#switch)
	 *     - [Goto](#goto)
	 *     - [Try](#try)
	 *     - [Catch](#catch)
	 *     - [Throw](#throw)
	 *     - [UseGroup](#usegroup)
	 *     - [UseItem](#useitem)
	 *     - [Block](#block)
	 *       - [Program](#program)
	 *       - [Namespace](#namespace)
	 *     - [PropertyStatement](#propertystatement)
	 *     - [Property](#property)
	 *       - [PropertyHook](#propertyhook)
	 *     - [Declaration](#declaration)
	 *       - [Class](#class)
	 *       - [Interface](#interface)
	 *       - [Trait](#trait)
	 *       - [Function](#function)
	 *         - [Method](#method)
	 *       - [Parameter](#parameter)
	 * ---
	 */

	/**
	 * The AST builder class
	 * @constructor AST
	 * @memberOf module:php-parser
	 * @tutorial AST
	 * @property {Boolean} withPositions - Should locate any node (by default false)
	 * @property {Boolean} withSource - Should extract the node original code (by default false)
	 */
	const AST = function (withPositions, withSource) {
	  this.withPositions = withPositions;
	  this.withSource = withSource;
	};

	// operators in ascending order of precedence
	AST.precedence = {};
	[
	  ["or"],
	  ["xor"],
	  ["and"],
	  ["="],
	  ["?"],
	  ["??"],
	  ["||"],
	  ["&&"],
	  ["|"],
	  ["^"],
	  ["&"],
	  ["==", "!=", "===", "!==", /* '<>', */ "<=>"],
	  ["<", "<=", ">", ">="],
	  ["<<", ">>"],
	  ["+", "-", "."],
	  ["*", "/", "%"],
	  ["!"],
	  ["instanceof"],
	  ["u-", "u+", "u~"],
	  ["cast", "silent"],
	  ["**"],
	  // TODO: [ (array)
	  // TODO: new
	].forEach(function (list, index) {
	  list.forEach(function (operator) {
	    AST.precedence[operator] = index + 1;
	  });
	});

	/**
	 * @private
	 * @function AST#isRightAssociative
	 * @memberOf module:php-parser
	 * @param operator
	 * @return {boolean}
	 */
	AST.prototype.isRightAssociative = function (operator) {
	  return operator === "**" || operator === "??";
	};

	/**
	 * Change parent node informations after swapping childs
	 * @private
	 * @function AST#swapLocations
	 * @memberOf module:php-parser
	 */
	AST.prototype.swapLocations = function (target, first, last, parser) {
	  if (this.withPositions) {
	    if (!target || !target.loc || !first || !first.loc || !last || !last.loc) {
	      return;
	    }
	    target.loc.start = first.loc.start;
	    target.loc.end = last.loc.end;
	    if (this.withSource) {
	      target.loc.source = parser.lexer._input.substring(
	        target.loc.start.offset,
	        target.loc.end.offset,
	      );
	    }
	  }
	};

	/**
	 * Includes locations from first & last into the target
	 * @private
	 * @function AST#resolveLocations
	 * @memberOf module:php-parser
	 */
	AST.prototype.resolveLocations = function (target, first, last, parser) {
	  if (this.withPositions) {
	    if (!target || !target.loc || !first || !first.loc || !last || !last.loc) {
	      return;
	    }
	    if (target.loc.start.offset > first.loc.start.offset) {
	      target.loc.start = first.loc.start;
	    }
	    /* istanbul ignore next */
	    if (target.loc.end.offset < last.loc.end.offset) {
	      target.loc.end = last.loc.end;
	    }
	    if (this.withSource) {
	      target.loc.source = parser.lexer._input.substring(
	        target.loc.start.offset,
	        target.loc.end.offset,
	      );
	    }
	  }
	};

	/**
	 * Check and fix precence, by default using right
	 * @private
	 * @function AST#resolvePrecedence
	 * @memberOf module:php-parser
	 */
	AST.prototype.resolvePrecedence = function (result, parser) {
	  let buffer, lLevel, rLevel;
	  // handling precendence
	  if (result.kind === "call") {
	    // including what argument into location
	    this.resolveLocations(result, result.what, result, parser);
	  } else if (
	    result.kind === "propertylookup" ||
	    result.kind === "nullsafepropertylookup" ||
	    result.kind === "staticlookup" ||
	    (result.kind === "offsetlookup" && result.offset)
	  ) {
	    // including what argument into location
	    this.resolveLocations(result, result.what, result.offset, parser);
	  } else if (result.kind === "bin") {
	    if (result.right && !result.right.parenthesizedExpression) {
	      if (result.right.kind === "bin") {
	        lLevel = AST.precedence[result.type];
	        rLevel = AST.precedence[result.right.type];
	        if (
	          lLevel &&
	          rLevel &&
	          rLevel <= lLevel &&
	          (result.type !== result.right.type ||
	            !this.isRightAssociative(result.type))
	        ) {
	          // https://github.com/glayzzle/php-parser/issues/79
	          // shift precedence
	          buffer = result.right;
	          result.right = result.right.left;
	          this.swapLocations(result, result.left, result.right, parser);
	          buffer.left = this.resolvePrecedence(result, parser);
	          this.swapLocations(buffer, buffer.left, buffer.right, parser);
	          result = buffer;
	        }
	      } else if (result.right.kind === "retif") {
	        lLevel = AST.precedence[result.type];
	        rLevel = AST.precedence["?"];
	        if (lLevel && rLevel && rLevel <= lLevel) {
	          buffer = result.right;
	          result.right = result.right.test;
	          this.swapLocations(result, result.left, result.right, parser);
	          buffer.test = this.resolvePrecedence(result, parser);
	          this.swapLocations(buffer, buffer.test, buffer.falseExpr, parser);
	          result = buffer;
	        }
	      }
	    }
	  } else if (
	    (result.kind === "silent" || result.kind === "cast") &&
	    result.expr &&
	    !result.expr.parenthesizedExpression
	  ) {
	    // https://github.com/glayzzle/php-parser/issues/172
	    if (result.expr.kind === "bin") {
	      buffer = result.expr;
	      result.expr = result.expr.left;
	      this.swapLocations(result, result, result.expr, parser);
	      buffer.left = this.resolvePrecedence(result, parser);
	      this.swapLocations(buffer, buffer.left, buffer.right, parser);
	      result = buffer;
	    } else if (result.expr.kind === "retif") {
	      buffer = result.expr;
	      result.expr = result.expr.test;
	      this.swapLocations(result, result, result.expr, parser);
	      buffer.test = this.resolvePrecedence(result, parser);
	      this.swapLocations(buffer, buffer.test, buffer.falseExpr, parser);
	      result = buffer;
	    }
	  } else if (result.kind === "unary") {
	    // https://github.com/glayzzle/php-parser/issues/75
	    if (result.what && !result.what.parenthesizedExpression) {
	      if (result.what.kind === "bin") {
	        // use the unary-specific precedence (u-, u+, u~) which is higher than binary - and +
	        lLevel =
	          AST.precedence["u" + result.type] || AST.precedence[result.type];
	        rLevel = AST.precedence[result.what.type];
	        if (lLevel && rLevel && rLevel < lLevel) {
	          buffer = result.what;
	          result.what = result.what.left;
	          this.swapLocations(result, result, result.what, parser);
	          buffer.left = this.resolvePrecedence(result, parser);
	          this.swapLocations(buffer, buffer.left, buffer.right, parser);
	          result = buffer;
	        }
	      } else if (result.what.kind === "retif") {
	        buffer = result.what;
	        result.what = result.what.test;
	        this.swapLocations(result, result, result.what, parser);
	        buffer.test = this.resolvePrecedence(result, parser);
	        this.swapLocations(buffer, buffer.test, buffer.falseExpr, parser);
	        result = buffer;
	      }
	    }
	  } else if (result.kind === "retif") {
	    // https://github.com/glayzzle/php-parser/issues/77
	    if (
	      result.falseExpr &&
	      result.falseExpr.kind === "retif" &&
	      !result.falseExpr.parenthesizedExpression
	    ) {
	      buffer = result.falseExpr;
	      result.falseExpr = buffer.test;
	      this.swapLocations(result, result.test, result.falseExpr, parser);
	      buffer.test = this.resolvePrecedence(result, parser);
	      this.swapLocations(buffer, buffer.test, buffer.falseExpr, parser);
	      result = buffer;
	    }
	  } else if (result.kind === "assign") {
	    // https://github.com/glayzzle/php-parser/issues/81
	    if (
	      result.right &&
	      result.right.kind === "bin" &&
	      !result.right.parenthesizedExpression
	    ) {
	      lLevel = AST.precedence["="];
	      rLevel = AST.precedence[result.right.type];
	      // only shifts with and, xor, or
	      if (lLevel && rLevel && rLevel < lLevel) {
	        buffer = result.right;
	        result.right = result.right.left;
	        buffer.left = result;
	        this.swapLocations(buffer, buffer.left, result.right, parser);
	        result = buffer;
	      }
	    }
	  } else if (result.kind === "expressionstatement") {
	    this.swapLocations(result, result.expression, result, parser);
	  }
	  return result;
	};

	/**
	 * Prepares an AST node
	 * @private
	 * @function AST#prepare
	 * @memberOf module:php-parser
	 * @param {String|null} kind - Defines the node type
	 * @param {*} docs - (if null, the kind must be passed at the function call)
	 * @param {Parser} parser - The parser instance (use for extracting locations)
	 * @return {Function}
	 */
	AST.prototype.prepare = function (kind, docs, parser) {
	  let start = null;
	  if (this.withPositions || this.withSource) {
	    start = parser.position();
	  }
	  const self = this;
	  // returns the node
	  const result = function () {
	    const args = Array.prototype.slice.call(arguments);
	    args.push(docs);
	    if (self.withPositions || self.withSource) {
	      let nodeStart = start;
	      let nodeEnd = new Position(
	        parser.prev[0],
	        parser.prev[1],
	        parser.prev[2],
	      );
	      // Fix swapped positions when no tokens are consumed between node() and ()
	      // (e.g. noop node in an empty block that contains only comments)
	      if (nodeStart.offset > nodeEnd.offset) {
	        const tmp = nodeStart;
	        nodeStart = nodeEnd;
	        nodeEnd = tmp;
	      }
	      let src = null;
	      if (self.withSource) {
	        src = parser.lexer._input.substring(nodeStart.offset, nodeEnd.offset);
	      }
	      // if with source, need location on swapLocations function
	      const location = new Location(src, nodeStart, nodeEnd);
	      // last argument is always the location
	      args.push(location);
	    }
	    // handle lazy kind definitions
	    if (!kind) {
	      kind = args.shift();
	    }
	    // build the object
	    const node = self[kind];
	    if (typeof node !== "function") {
	      throw new Error('Undefined node "' + kind + '"');
	    }
	    const astNode = Object.create(node.prototype);
	    node.apply(astNode, args);
	    result.instance = astNode;
	    /* istanbul ignore next */
	    if (result.trailingComments) {
	      // buffer of trailingComments
	      astNode.trailingComments = result.trailingComments;
	    }
	    if (typeof result.postBuild === "function") {
	      result.postBuild(astNode);
	    }
	    if (parser.debug) {
	      delete self.stack[result.stackUid];
	    }
	    return self.resolvePrecedence(astNode, parser);
	  };
	  if (parser.debug) {
	    if (!this.stack) {
	      this.stack = {};
	      this.stackUid = 1;
	    }
	    this.stack[++this.stackUid] = {
	      position: start,
	      stack: new Error().stack.split("\n").slice(3, 5),
	    };
	    result.stackUid = this.stackUid;
	  }

	  /**
	   * Sets a list of trailing comments
	   * @private
	   * @param {*} docs
	   */
	  result.setTrailingComments = function (docs) {
	    if (result.instance) {
	      // already created
	      result.instance.setTrailingComments(docs);
	    } else {
	      result.trailingComments = docs;
	    }
	  };

	  /**
	   * Release a node without using it on the AST
	   * @private
	   * @param {*} target
	   */
	  result.destroy = function (target) {
	    if (docs) {
	      // release current docs stack
	      if (target) {
	        if (!target.leadingComments) {
	          target.leadingComments = docs;
	        } else {
	          target.leadingComments = docs.concat(target.leadingComments);
	        }
	      } else {
	        parser._docIndex = parser._docs.length - docs.length;
	      }
	    }
	    if (parser.debug) {
	      delete self.stack[result.stackUid];
	    }
	  };
	  return result;
	};

	AST.prototype.checkNodes = function () {
	  const errors = [];
	  for (const k in this.stack) {
	    if (Object.prototype.hasOwnProperty.call(this.stack, k)) {
	      this.stack[k].key = k;
	      errors.push(this.stack[k]);
	    }
	  }
	  this.stack = {};
	  return errors;
	};

	// Define all AST nodes
	[
	  requireArray(),
	  requireArrowfunc(),
	  requireAssign(),
	  requireAssignref(),
	  requireAttribute(),
	  requireAttrgroup(),
	  requireBin(),
	  requireBlock(),
	  requireBoolean(),
	  require_break(),
	  requireByref(),
	  requireCall(),
	  require_case(),
	  requireCast(),
	  require_catch(),
	  require_class(),
	  requireClassconstant(),
	  requireClone(),
	  requireClosure(),
	  requireComment(),
	  requireCommentblock(),
	  requireCommentline(),
	  requireConstant(),
	  requireConstantstatement(),
	  require_continue(),
	  requireDeclaration(),
	  requireDeclare(),
	  requireDeclaredirective(),
	  require_do(),
	  requireEcho(),
	  requireEmpty(),
	  requireEncapsed(),
	  requireEncapsedpart(),
	  requireEntry(),
	  require_enum(),
	  requireEnumcase(),
	  requireError(),
	  require_eval(),
	  requireExit(),
	  requireExpression(),
	  requireExpressionstatement(),
	  require_for(),
	  requireForeach(),
	  require_function(),
	  requireGlobal(),
	  requireGoto(),
	  requireHalt(),
	  requireIdentifier(),
	  require_if(),
	  requireInclude(),
	  requireInline(),
	  require_interface(),
	  requireIntersectiontype(),
	  requireIsset(),
	  requireLabel(),
	  requireList(),
	  requireLiteral(),
	  requireLookup(),
	  requireMagic(),
	  requireMatch(),
	  requireMatcharm(),
	  requireMethod(),
	  requireName(),
	  requireNamespace(),
	  requireNamedargument(),
	  require_new(),
	  requireNode(),
	  requireNoop(),
	  requireNowdoc(),
	  requireNullkeyword(),
	  requireNullsafepropertylookup(),
	  requireNumber(),
	  requireOffsetlookup(),
	  requireOperation(),
	  requireParameter(),
	  requireParentreference(),
	  requirePost(),
	  requirePre(),
	  requirePrint(),
	  requireProgram(),
	  requireProperty(),
	  requirePropertyhook(),
	  requirePropertylookup(),
	  requirePropertystatement(),
	  requireReference(),
	  requireRetif(),
	  require_return(),
	  requireSelfreference(),
	  requireSilent(),
	  requireStatement(),
	  require_static(),
	  requireStaticvariable(),
	  requireStaticlookup(),
	  requireStaticreference(),
	  requireString(),
	  require_switch(),
	  require_throw(),
	  requireTrait(),
	  requireTraitalias(),
	  requireTraitprecedence(),
	  requireTraituse(),
	  require_try(),
	  requireTypereference(),
	  requireUnary(),
	  requireUniontype(),
	  requireUnset(),
	  requireUsegroup(),
	  requireUseitem(),
	  requireVariable(),
	  requireVariadic(),
	  requireVariadicplaceholder(),
	  require_while(),
	  require_yield(),
	  requireYieldfrom(),
	].forEach(function (ctor) {
	  AST.prototype[ctor.kind] = ctor;
	});

	ast = AST;
	return ast;
}

/**
 * Copyright (C) 2020 Glayzzle (BSD3 License)
 * @authors https://github.com/glayzzle/php-parser/graphs/contributors
 * @url http://glayzzle.com
 */

var hasRequiredSrc;

function requireSrc () {
	if (hasRequiredSrc) return src.exports;
	hasRequiredSrc = 1;

	const lexer = requireLexer();
	const parser = requireParser();
	const tokens = requireTokens();
	const AST = requireAst();

	/**
	 * @private
	 */
	function combine(src, to) {
	  const keys = Object.keys(src);
	  let i = keys.length;
	  while (i--) {
	    const k = keys[i];
	    if (k === "__proto__" || k === "constructor" || k === "prototype") {
	      continue;
	    }
	    const val = src[k];
	    if (val === null) {
	      delete to[k];
	    } else if (typeof val === "function") {
	      to[k] = val.bind(to);
	    } else if (Array.isArray(val)) {
	      to[k] = Array.isArray(to[k]) ? to[k].concat(val) : val;
	    } else if (typeof val === "object") {
	      to[k] = typeof to[k] === "object" ? combine(val, to[k]) : val;
	    } else {
	      to[k] = val;
	    }
	  }
	  return to;
	}

	/**
	 * Initialise a new parser instance with the specified options
	 *
	 * @class
	 * @memberOf module:php-parser
	 * @tutorial Engine
	 * @example
	 * var parser = require('php-parser');
	 * var instance = new parser({
	 *   parser: {
	 *     extractDoc: true,
	 *     suppressErrors: true,
	 *     version: 704 // or '7.4'
	 *   },
	 *   ast: {
	 *     withPositions: true
	 *   },
	 *   lexer: {
	 *     short_tags: true,
	 *     asp_tags: true
	 *   }
	 * });
	 *
	 * var evalAST = instance.parseEval('some php code');
	 * var codeAST = instance.parseCode('<?php some php code', 'foo.php');
	 * var tokens = instance.tokenGetAll('<?php some php code');
	 *
	 * @param {Object} options - List of options
	 * @property {Lexer} lexer
	 * @property {Parser} parser
	 * @property {AST} ast
	 * @property {Object} tokens
	 */
	const Engine = function (options) {
	  if (typeof this === "function") {
	    return new this(options);
	  }
	  this.tokens = tokens;
	  this.lexer = new lexer(this);
	  this.ast = new AST();
	  this.parser = new parser(this.lexer, this.ast);
	  if (options && typeof options === "object") {
	    // disable php7 from lexer if already disabled from parser
	    if (options.parser) {
	      if (!options.lexer) {
	        options.lexer = {};
	      }
	      if (options.parser.version) {
	        if (typeof options.parser.version === "string") {
	          let version = options.parser.version.split(".");
	          version = parseInt(version[0]) * 100 + parseInt(version[1]);
	          if (isNaN(version)) {
	            throw new Error("Bad version number : " + options.parser.version);
	          } else {
	            options.parser.version = version;
	          }
	        } else if (typeof options.parser.version !== "number") {
	          throw new Error("Expecting a number for version");
	        }
	        if (options.parser.version < 500 || options.parser.version > 900) {
	          throw new Error("Can only handle versions between 5.x to 8.x");
	        }
	      }
	    }
	    combine(options, this);

	    // same version flags based on parser options
	    this.lexer.version = this.parser.version;
	  }
	};

	/**
	 * Check if the inpyt is a buffer or a string
	 * @private
	 * @param  {Buffer|String} buffer Input value that can be either a buffer or a string
	 * @return {String}   Returns the string from input
	 */
	const getStringBuffer = function (buffer) {
	  return typeof buffer.write === "function" ? buffer.toString() : buffer;
	};

	/**
	 * Creates a new instance (Helper)
	 * @param {Object} options
	 * @return {Engine}
	 * @private
	 */
	Engine.create = function (options) {
	  return new Engine(options);
	};

	/**
	 * Evaluate the buffer
	 * @private
	 */
	Engine.parseEval = function (buffer, options) {
	  const self = new Engine(options);
	  return self.parseEval(buffer);
	};

	/**
	 * Parse an evaluating mode string (no need to open php tags)
	 * @param {String} buffer
	 * @return {Program}
	 */
	Engine.prototype.parseEval = function (buffer) {
	  this.lexer.mode_eval = true;
	  this.lexer.all_tokens = false;
	  buffer = getStringBuffer(buffer);
	  return this.parser.parse(buffer, "eval");
	};

	/**
	 * Static function that parse a php code with open/close tags
	 * @private
	 */
	Engine.parseCode = function (buffer, filename, options) {
	  if (typeof filename === "object" && !options) {
	    // retro-compatibility
	    options = filename;
	    filename = "unknown";
	  }
	  const self = new Engine(options);
	  return self.parseCode(buffer, filename);
	};

	/**
	 * Function that parse a php code with open/close tags
	 *
	 * Sample code :
	 * ```php
	 * <?php $x = 1;
	 * ```
	 *
	 * Usage :
	 * ```js
	 * var parser = require('php-parser');
	 * var phpParser = new parser({
	 *   // some options
	 * });
	 * var ast = phpParser.parseCode('...php code...', 'foo.php');
	 * ```
	 * @param {String} buffer - The code to be parsed
	 * @param {String} filename - Filename
	 * @return {Program}
	 */
	Engine.prototype.parseCode = function (buffer, filename) {
	  this.lexer.mode_eval = false;
	  this.lexer.all_tokens = false;
	  buffer = getStringBuffer(buffer);
	  return this.parser.parse(buffer, filename);
	};

	/**
	 * Split the buffer into tokens
	 * @private
	 */
	Engine.tokenGetAll = function (buffer, options) {
	  const self = new Engine(options);
	  return self.tokenGetAll(buffer);
	};

	/**
	 * Extract tokens from the specified buffer.
	 * > Note that the output tokens are *STRICLY* similar to PHP function `token_get_all`
	 * @param {string} buffer
	 * @return {Array<string|string[]>} - Each item can be a string or an array with following informations [token_name, text, line_number]
	 */
	Engine.prototype.tokenGetAll = function (buffer) {
	  this.lexer.mode_eval = false;
	  this.lexer.all_tokens = true;
	  buffer = getStringBuffer(buffer);
	  const EOF = this.lexer.EOF;
	  const names = this.tokens.values;
	  this.lexer.setInput(buffer);
	  let token = this.lexer.lex() || EOF;
	  const result = [];
	  while (token != EOF) {
	    let entry = this.lexer.yytext;
	    if (Object.prototype.hasOwnProperty.call(names, token)) {
	      entry = [names[token], entry, this.lexer.yylloc.first_line];
	    }
	    result.push(entry);
	    token = this.lexer.lex() || EOF;
	  }
	  return result;
	};

	/** @module php-parser */

	// exports the function
	src.exports = Engine;

	// makes libraries public
	src.exports.tokens = tokens;
	src.exports.lexer = lexer;
	src.exports.AST = AST;
	src.exports.parser = parser;
	src.exports.combine = combine;
	src.exports.Engine = Engine;

	// allow the default export in index.d.ts
	src.exports.default = Engine;
	return src.exports;
}

var srcExports = requireSrc();
var index = /*@__PURE__*/getDefaultExportFromCjs(srcExports);

var index$1 = /*#__PURE__*/_mergeNamespaces({
  __proto__: null,
  default: index
}, [srcExports]);

export { index$1 as i };
