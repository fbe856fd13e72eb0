package sepa

import "encoding/xml"

// The elements of a pain.001 document that Read takes, for both versions.
// Element names match in any namespace; Read checks the root's namespace.
// Elements the model has no place for (InstrId, UETR, UltmtCdtr, Purp, …)
// are not declared and so are skipped.

type xDocument struct {
	XMLName xml.Name
	Initn   *xInitiation `xml:"CstmrCdtTrfInitn"`
}

type xInitiation struct {
	GrpHdr *xGroupHeader `xml:"GrpHdr"`
	PmtInf []xPaymentInf `xml:"PmtInf"`
}

type xGroupHeader struct {
	MsgID    string  `xml:"MsgId"`
	CreDtTm  string  `xml:"CreDtTm"`
	NbOfTxs  string  `xml:"NbOfTxs"`
	CtrlSum  *string `xml:"CtrlSum"`
	InitgPty xParty  `xml:"InitgPty"`
}

type xParty struct {
	Nm      string    `xml:"Nm"`
	PstlAdr *xAddress `xml:"PstlAdr"`
}

type xAddress struct {
	StrtNm  string   `xml:"StrtNm"`
	BldgNb  string   `xml:"BldgNb"`
	PstCd   string   `xml:"PstCd"`
	TwnNm   string   `xml:"TwnNm"`
	Ctry    string   `xml:"Ctry"`
	AdrLine []string `xml:"AdrLine"`
}

type xPaymentInf struct {
	PmtInfID    string        `xml:"PmtInfId"`
	PmtMtd      string        `xml:"PmtMtd"`
	BtchBookg   string        `xml:"BtchBookg"`
	NbOfTxs     *string       `xml:"NbOfTxs"`
	CtrlSum     *string       `xml:"CtrlSum"`
	SvcLvl      []string      `xml:"PmtTpInf>SvcLvl>Cd"`
	ReqdExctnDt xDateChoice   `xml:"ReqdExctnDt"`
	Dbtr        xParty        `xml:"Dbtr"`
	DbtrAcct    xAccount      `xml:"DbtrAcct"`
	DbtrAgt     xAgent        `xml:"DbtrAgt"`
	ChrgBr      string        `xml:"ChrgBr"`
	Tx          []xTransferTx `xml:"CdtTrfTxInf"`
}

// xDateChoice is an ISODate in .03 and a choice of Dt or DtTm in .09.
type xDateChoice struct {
	Text string `xml:",chardata"`
	Dt   string `xml:"Dt"`
	DtTm string `xml:"DtTm"`
}

type xAccount struct {
	IBAN string `xml:"Id>IBAN"`
	Othr string `xml:"Id>Othr>Id"`
	Ccy  string `xml:"Ccy"`
}

type xAgent struct {
	BIC   string `xml:"FinInstnId>BIC"`
	BICFI string `xml:"FinInstnId>BICFI"`
	Othr  string `xml:"FinInstnId>Othr>Id"`
}

type xTransferTx struct {
	EndToEndID string    `xml:"PmtId>EndToEndId"`
	InstdAmt   *xAmount  `xml:"Amt>InstdAmt"`
	EqvtAmt    *struct{} `xml:"Amt>EqvtAmt"`
	SvcLvl     []string  `xml:"PmtTpInf>SvcLvl>Cd"`
	ChrgBr     string    `xml:"ChrgBr"`
	CdtrAgt    *xAgent   `xml:"CdtrAgt"`
	Cdtr       *xParty   `xml:"Cdtr"`
	CdtrAcct   *xAccount `xml:"CdtrAcct"`
	RmtInf     *xRemit   `xml:"RmtInf"`
}

type xAmount struct {
	Ccy   string `xml:"Ccy,attr"`
	Value string `xml:",chardata"`
}

type xRemit struct {
	Ustrd []string      `xml:"Ustrd"`
	Strd  []xStructured `xml:"Strd"`
}

type xStructured struct {
	CdtrRefInf *xCreditorRef `xml:"CdtrRefInf"`
}

type xCreditorRef struct {
	Cd    string `xml:"Tp>CdOrPrtry>Cd"`
	Prtry string `xml:"Tp>CdOrPrtry>Prtry"`
	Issr  string `xml:"Tp>Issr"`
	Ref   string `xml:"Ref"`
}
