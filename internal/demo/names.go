package demo

// Name lists for generated people: common Dutch first names of several
// generations and common Dutch surnames (with their tussenvoegsels), plus a
// few names from families that came to the Netherlands later, as in any
// Dutch office. ASCII only, so e-mail addresses follow from them directly.

var firstNames = []string{
	"Anna", "Bram", "Charlotte", "Daan", "Eva", "Finn", "Gijs", "Hanna", "Iris", "Jesse",
	"Julia", "Koen", "Lars", "Lieke", "Luuk", "Maud", "Milan", "Noa", "Olivier", "Pien",
	"Quinten", "Roos", "Ruben", "Sanne", "Sem", "Tess", "Thijs", "Vera", "Wouter", "Yara",
	"Zoe", "Annelies", "Bart", "Carolien", "Dirk", "Els", "Frank", "Gerda", "Hans", "Ingrid",
	"Jan", "Karin", "Linda", "Mark", "Monique", "Nicole", "Paul", "Petra", "Rob", "Sandra",
	"Tom", "Ellen", "Willem", "Marloes", "Niels", "Femke", "Stijn", "Jasper", "Laura", "Joris",
	"Merel", "Timo", "Floor", "Sven", "Ilse", "Rutger", "Hester", "Job", "Mila", "Tim",
	"Fatima", "Mohamed", "Yusuf", "Ayse", "Kevin", "Priya", "Samira", "Emre", "Jort", "Lisanne",
}

var lastNames = []string{
	"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
	"Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
	"van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
	"van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
	"van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek", "Willems",
	"van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam", "van der Wal",
	"Prins", "Blom", "Huisman", "Peeters", "de Leeuw", "Kuipers", "van Wijk", "Post", "Kramer",
	"Veenstra", "Timmermans", "Groen", "Verbeek", "van Rijn", "Boer", "Lammers", "Wolters",
	"Evers", "Sanders", "Scholten", "Molenaar", "van Loon", "Claassen", "Jonker", "Verschuren",
	"Yilmaz", "El Idrissi", "Kaya", "Ramdin", "Tjon", "Nguyen", "Bouzidi", "Sahin",
}
